import { describe, expect, it } from 'vitest';
import { cramLog, cramOrder, retrievabilityNow } from './cram';
import { afterCramAnswer } from './cram-queue';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating, State, type Card } from './scheduler';

const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
const T0 = new Date('2026-05-01T09:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function studied(ratings: Rating[], start = T0): Card {
  let card: Card | null = null;
  let t = start;
  for (const r of ratings) {
    card = gradeCard(f, card, t, r as 1 | 2 | 3 | 4).card;
    t = card.due;
  }
  return card!;
}

describe('cramOrder', () => {
  const strong = studied([Rating.Good, Rating.Good, Rating.Easy, Rating.Easy]);
  const weak = studied([Rating.Again, Rating.Good, Rating.Good]);
  const now = days(40);

  it('puts the weakest first: never studied, then lowest recall probability now', () => {
    const order = cramOrder(
      f,
      [
        { itemId: 'a/strong', topicId: 'a', card: strong },
        { itemId: 'b/weak', topicId: 'b', card: weak },
        { itemId: 'c/new', topicId: 'c', card: null },
      ],
      now,
    );
    expect(order.map((o) => o.itemId)).toEqual(['c/new', 'b/weak', 'a/strong']);
    expect(order[0]!.retrievability).toBe(0);
    expect(order[1]!.retrievability).toBeLessThan(order[2]!.retrievability);
    expect(retrievabilityNow(f, weak, now)).toBeCloseTo(f.get_retrievability(weak, now, false) as number);
  });

  it('keeps siblings apart, and is stable for equal retrievability', () => {
    const order = cramOrder(
      f,
      ['a/1', 'a/2', 'b/1'].map((id) => ({ itemId: id, topicId: id[0]!, card: null })),
      now,
    );
    expect(order.map((o) => o.itemId)).toEqual(['a/1', 'b/1', 'a/2']);
  });

  it('leaves the cards it orders untouched', () => {
    const before = structuredClone(weak);
    cramOrder(f, [{ itemId: 'b/weak', topicId: 'b', card: weak }], now);
    expect(weak).toEqual(before);
  });
});

describe('cramLog', () => {
  it('records the rating and the memory state as it is, for a studied card', () => {
    const card = studied([Rating.Good, Rating.Good, Rating.Good]);
    const at = days(30);
    const log = cramLog(card, at, Rating.Hard);
    expect(log).toMatchObject({ rating: Rating.Hard, state: State.Review, stability: card.stability, difficulty: card.difficulty, review: at });
    expect(log.due).toEqual(card.last_review);
    expect(log.elapsed_days).toBe(Math.floor((at.getTime() - card.last_review!.getTime()) / 86_400_000));
  });

  it('records a never-studied item as new', () => {
    expect(cramLog(null, T0, Rating.Good)).toMatchObject({ rating: Rating.Good, state: State.New, stability: 0, elapsed_days: 0, review: T0 });
  });
});

describe('afterCramAnswer', () => {
  it('brings a forgotten item back three items later, and drops a remembered one', () => {
    expect(afterCramAnswer(['a', 'b', 'c', 'd', 'e'], Rating.Again)).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(afterCramAnswer(['a', 'b'], Rating.Again)).toEqual(['b', 'a']);
    expect(afterCramAnswer(['a'], Rating.Again)).toEqual(['a']);
    expect(afterCramAnswer(['a', 'b', 'c'], Rating.Good)).toEqual(['b', 'c']);
    expect(afterCramAnswer(['a', 'b', 'c'], Rating.Hard)).toEqual(['b', 'c']);
    expect(afterCramAnswer([], Rating.Good)).toEqual([]);
  });
});
