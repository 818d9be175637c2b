import { createEmptyCard, default_w, fsrs, generatorParameters, State, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '@/lib/srs/scheduler';
import { predictedRecall, recallNowAndDue } from './recall';

const DAY = 86_400_000;
const LAST = new Date('2026-01-01T00:00:00Z');

function reviewed(stability: number): Card {
  return { ...createEmptyCard(LAST), state: State.Review, stability, difficulty: 5, reps: 3, last_review: LAST, due: new Date(LAST.getTime() + stability * DAY), scheduled_days: stability };
}

/** FSRS-6's forgetting curve, written out: R(t) = (1 + factor * t / S) ^ -decay, with factor making R(S) = 0.9. */
function curve(decay: number, days: number, stability: number): number {
  const factor = Math.pow(0.9, 1 / -decay) - 1;
  return Math.pow(1 + (factor * days) / stability, -decay);
}

describe('predicted recall', () => {
  const cards = new Map<string, Card>([
    ['p/a', reviewed(10)],
    ['p/b', reviewed(40)],
  ]);
  const ids = ['p/a', 'p/b', 'p/never-studied'];
  const now = new Date('2026-01-11T00:00:00Z'); // 10 days after the last review
  const due = new Date('2026-01-31T00:00:00Z'); // 30 days after

  it('is the mean of ts-fsrs retrievability over the pattern’s cards, unstudied counting 0', () => {
    const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    const reference = fsrs(generatorParameters({ enable_fuzz: false }));
    const expectedNow = (reference.get_retrievability(cards.get('p/a')!, now, false) + reference.get_retrievability(cards.get('p/b')!, now, false) + 0) / 3;
    const expectedDue = (reference.get_retrievability(cards.get('p/a')!, due, false) + reference.get_retrievability(cards.get('p/b')!, due, false) + 0) / 3;
    expect(predictedRecall(scheduler, ids, cards, now)).toBeCloseTo(expectedNow, 10);
    expect(predictedRecall(scheduler, ids, cards, due)).toBeCloseTo(expectedDue, 10);
    // And the curve itself: at t = S recall is 0.9 by definition of stability.
    const decay = default_w[20]!;
    expect(expectedNow).toBeCloseTo((0.9 + curve(decay, 10, 40)) / 3, 6);
    expect(expectedDue).toBeCloseTo((curve(decay, 30, 10) + curve(decay, 30, 40)) / 3, 6);
    expect(expectedDue).toBeLessThan(expectedNow);
  });

  it('uses the member’s own parameters (their decay), not the defaults', () => {
    const w = [...default_w];
    w[20] = 0.5;
    const own = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, weights: w });
    const r = predictedRecall(own, ['p/a'], cards, due);
    expect(r).toBeCloseTo(curve(0.5, 30, 10), 6);
    expect(r).not.toBeCloseTo(curve(default_w[20]!, 30, 10), 3);
  });

  it('counts a pattern nobody studied as 0, now and on the due date', () => {
    const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    expect(recallNowAndDue(scheduler, ['x/1', 'x/2'], cards, now, due)).toEqual({ now: 0, due: 0 });
    expect(predictedRecall(scheduler, [], cards, now)).toBe(0);
  });

  it('judges a due date already passed as of now', () => {
    const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    const r = recallNowAndDue(scheduler, ['p/a'], cards, now, new Date('2026-01-05T00:00:00Z'));
    expect(r.due).toBeCloseTo(0.9, 6);
    expect(r.now).toBeCloseTo(0.9, 6);
  });
});
