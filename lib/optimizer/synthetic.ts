import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating, State, type Card } from '@/lib/srs/scheduler';
import { prng } from '@/lib/quiz/shuffle';
import type { LogForTraining } from './items';

/**
 * A synthetic review log for tests and benchmarks: a simulated learner whose memory follows
 * FSRS with `truth` parameters (unlike the defaults), scheduled by the app's default
 * scheduler, recalling each card with the probability the true model gives.
 */
export function syntheticLog(options: { reviews: number; cards: number; seed: number; truth: number[]; start?: Date }): LogForTraining[] {
  const rand = prng(options.seed);
  const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
  const truth = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false, weights: options.truth });
  const start = options.start ?? new Date('2026-01-01T09:00:00Z');
  const cards: { id: string; shown: Card | null; real: Card | null; due: number }[] = Array.from({ length: options.cards }, (_, i) => ({
    id: `synthetic/card-${i}`,
    shown: null,
    real: null,
    // Introduce cards a few per day.
    due: start.getTime() + Math.floor(i / 10) * 86_400_000 + i * 1000,
  }));
  const logs: LogForTraining[] = [];
  while (logs.length < options.reviews) {
    // Review the card due soonest.
    let next = cards[0]!;
    for (const c of cards) if (c.due < next.due) next = c;
    const at = new Date(next.due);
    const p = next.real && next.real.state !== State.New ? truth.get_retrievability(next.real, at, false) : 0.6;
    const recalled = rand() < p;
    const rating = !recalled ? Rating.Again : rand() < 0.1 ? Rating.Hard : rand() < 0.15 ? Rating.Easy : Rating.Good;
    logs.push({ itemId: next.id, rating, review: at });
    next.real = gradeCard(truth, next.real, at, rating).card;
    next.shown = gradeCard(scheduler, next.shown, at, rating).card;
    next.due = Math.max(next.shown.due.getTime(), at.getTime() + 60_000);
  }
  return logs;
}

/** A memory model unlike the default: stabilities half as long, difficulty rising faster. */
export function harderTruth(defaults: readonly number[]): number[] {
  const w = [...defaults];
  for (let i = 0; i < 4; i++) w[i] = w[i]! * 0.35;
  w[8] = w[8]! * 0.7;
  w[6] = w[6]! * 1.3;
  return w;
}
