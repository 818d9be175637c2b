import { hashSeed, prng } from '@/lib/quiz/shuffle';
import { NORMAL_WEEK, weekday, type Workload } from './balance';
import { addDays } from './day';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating, State, type Card, type Grade, type SchedulerSettings } from './scheduler';

/**
 * A simulated learner for the benchmark: new cards at a steady pace, every due card reviewed
 * each day with the app's own scheduler (gradeCard, with or without load balancing), and
 * recall drawn from the memory model's retrievability at the moment of review. The random
 * draw for a card's n-th review is fixed by (seed, card, n), so runs that differ only in
 * scheduling see the same luck.
 */
export interface SimulationOptions {
  days: number;
  newPerDay: number;
  /** The first study day, YYYY-MM-DD (reviews at 09:00 UTC). */
  start: string;
  loadBalance: boolean;
  easyDays?: readonly number[];
  seed?: number;
  settings?: SchedulerSettings;
}

export interface SimulationResult {
  /** Reviews of cards in the review state, per day. */
  reviewsPerDay: number[];
  /** All reviews (new, learning, review) per day. */
  allPerDay: number[];
  weekdays: number[];
  /** Share of review-state reviews recalled (anything but Again). */
  trueRetention: number;
  reviews: number;
}

const DAY_MS = 86_400_000;
const MINUTE = 60_000;

export function simulate(o: SimulationOptions): SimulationResult {
  const scheduler = createScheduler(o.settings ?? DEFAULT_SCHEDULER_SETTINGS);
  const easyDays = o.easyDays ?? NORMAL_WEEK;
  const seed = o.seed ?? 1;
  const cards: { id: number; card: Card | null; n: number }[] = [];
  const due = new Map<string, number>();
  const dayOf = (t: number, todayKey: string, todayStart: number) => addDays(todayKey, Math.floor((t - todayStart) / DAY_MS));
  const reviewsPerDay: number[] = [];
  const allPerDay: number[] = [];
  const weekdays: number[] = [];
  let passed = 0;
  let total = 0;
  let reviews = 0;

  for (let d = 0; d < o.days; d++) {
    const today = addDays(o.start, d);
    const dayStart = Date.parse(`${today}T04:00:00Z`);
    const dayEnd = dayStart + DAY_MS;
    let t = Date.parse(`${today}T09:00:00Z`);
    for (let i = 0; i < o.newPerDay; i++) cards.push({ id: cards.length, card: null, n: 0 });
    let reviewCount = 0;
    let all = 0;
    // Review until nothing is due before the day ends: due reviews, new cards, then learning steps as they come due.
    for (;;) {
      // Due reviews first, then new cards, then learning steps when they come due (20 minutes' learn-ahead).
      const available = (c: (typeof cards)[number]) =>
        !c.card ? 0 : c.card.due.getTime() >= dayEnd ? Infinity : c.card.state === State.Review ? -1 : c.card.due.getTime() - 20 * MINUTE;
      let next: (typeof cards)[number] | undefined;
      let best = Infinity;
      for (const c of cards) {
        const a = available(c);
        if (a < best) {
          best = a;
          next = c;
        }
      }
      if (!next) break;
      const now = new Date(Math.max(t, best));
      if (now.getTime() >= dayEnd) break;
      const before = next.card;
      const rand = prng(hashSeed(`${seed}:${next.id}:${next.n}`));
      const p = before && before.state !== State.New ? (scheduler.get_retrievability(before, now, false) as number) : 0.75;
      const recalled = rand() < p;
      const r2 = rand();
      const rating: Grade = !recalled ? Rating.Again : r2 < 0.1 ? Rating.Hard : r2 > 0.9 ? Rating.Easy : Rating.Good;
      const workload: Workload | null = o.loadBalance ? { today, due, easyDays } : null;
      const after = gradeCard(scheduler, before, now, rating, workload).card;
      if (before?.state === State.Review) {
        const key = dayOf(before.due.getTime(), today, dayStart);
        due.set(key, (due.get(key) ?? 1) - 1);
        reviewCount += 1;
        total += 1;
        if (recalled) passed += 1;
      }
      if (after.state === State.Review) {
        const key = dayOf(after.due.getTime(), today, dayStart);
        due.set(key, (due.get(key) ?? 0) + 1);
      }
      next.card = after;
      next.n += 1;
      all += 1;
      reviews += 1;
      t = now.getTime() + 10_000;
    }
    reviewsPerDay.push(reviewCount);
    allPerDay.push(all);
    weekdays.push(weekday(today));
  }
  return { reviewsPerDay, allPerDay, weekdays, trueRetention: total ? passed / total : 0, reviews };
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

export function stdDev(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}
