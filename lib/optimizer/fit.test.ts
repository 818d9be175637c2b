import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { fitParameters, loadOptimizer } from './fit';
import { hasLongTermReview, trainingItems } from './items';
import { harderTruth, syntheticLog } from './synthetic';

const UTC = { timezone: 'UTC', dayStartHour: 4 };

describe('trainingItems', () => {
  it('builds one item per later review with whole study days between reviews', () => {
    const items = trainingItems(
      [
        { itemId: 'a', rating: 3, review: new Date('2026-01-01T10:00:00Z') },
        { itemId: 'a', rating: 3, review: new Date('2026-01-01T10:10:00Z') },
        { itemId: 'a', rating: 1, review: new Date('2026-01-04T02:00:00Z') }, // before 4 am: still 3 Jan
        { itemId: 'b', rating: 4, review: new Date('2026-01-02T10:00:00Z') },
      ],
      UTC,
    );
    expect(items.map((i) => i.reviews)).toEqual([
      [
        [3, 0],
        [3, 0],
      ],
      [
        [3, 0],
        [3, 0],
        [1, 2],
      ],
    ]);
    expect(items.map(hasLongTermReview)).toEqual([false, true]);
  });
});

describe.runIf(loadOptimizer() !== null)('fitParameters', () => {
  it('fits 21 parameters that predict a synthetic learner better than the defaults', async () => {
    const logs = syntheticLog({ reviews: 4000, cards: 400, seed: 42, truth: harderTruth(default_w) });
    expect(logs).toHaveLength(4000);
    // Progress is reported through a thread-safe callback that may be coalesced on a fast fit,
    // so only its values are checked, not how many arrive.
    const progress: number[] = [];
    const result = await fitParameters(trainingItems(logs, UTC), { relearningSteps: 1, onProgress: (p) => progress.push(p) });
    expect(progress.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(result.params).toHaveLength(21);
    expect(result.params.every(Number.isFinite)).toBe(true);
    expect(result.logLossFitted).toBeLessThan(result.logLossDefault);
  }, 60_000);
});
