import { describe, expect, it } from 'vitest';
import { buildQueue, type QueueInput, type StartedItem } from './queue';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCard, Rating, State, type Card } from './scheduler';

const NOW = new Date('2026-04-10T12:00:00Z');
const DAY_END = new Date('2026-04-11T04:00:00Z');
const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });

function card(state: State, due: Date): Card {
  return { ...newCard(NOW), state, due, reps: state === State.New ? 0 : 3, stability: 5, difficulty: 5 };
}
function started(id: string, c: Card, extra: Partial<StartedItem> = {}): StartedItem {
  return { itemId: id, topicId: id.split('/')[0]!, card: c, suspended: false, buriedUntil: null, ...extra };
}
function input(over: Partial<QueueInput>): QueueInput {
  return {
    now: NOW,
    dayEnd: DAY_END,
    started: [],
    newCandidates: [],
    newPerDay: 20,
    newDoneToday: 0,
    maxReviewsPerDay: 200,
    reviewsDoneToday: 0,
    ...over,
  };
}
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('buildQueue', () => {
  it('orders due learning cards, then due reviews, then new cards in path order', () => {
    const q = buildQueue(
      input({
        started: [
          started('a/review-late', card(State.Review, at(-3_600_000))),
          started('a/learning', card(State.Learning, at(-60_000))),
          started('a/review-early', card(State.Review, at(-86_400_000))),
          started('a/review-tonight', card(State.Review, at(10 * 3_600_000))),
          started('a/review-tomorrow', card(State.Review, at(20 * 3_600_000))),
        ],
        newCandidates: [
          { itemId: 'timeout/one', topicId: 'timeout' },
          { itemId: 'timeout/two', topicId: 'timeout' },
        ],
      }),
    );
    expect(q.items.map((i) => i.itemId)).toEqual([
      'a/learning',
      'a/review-early',
      'a/review-late',
      'a/review-tonight',
      'timeout/one',
      'timeout/two',
    ]);
    expect(q.counts).toEqual({ learning: 1, review: 3, new: 2 });
  });

  it('stops new cards at the daily limit, counting those introduced earlier today', () => {
    const candidates = Array.from({ length: 30 }, (_, i) => ({ itemId: `p/c${i}`, topicId: 'p' }));
    expect(buildQueue(input({ newCandidates: candidates })).counts.new).toBe(20);
    expect(buildQueue(input({ newCandidates: candidates, newDoneToday: 15 })).counts.new).toBe(5);
    expect(buildQueue(input({ newCandidates: candidates, newDoneToday: 25 })).counts.new).toBe(0);
  });

  it('caps reviews at the daily maximum', () => {
    const reviews = Array.from({ length: 10 }, (_, i) => started(`p/r${i}`, card(State.Review, at(-i * 1000))));
    expect(buildQueue(input({ started: reviews, maxReviewsPerDay: 8, reviewsDoneToday: 5 })).counts.review).toBe(3);
  });

  it('leaves out suspended and buried cards, and new candidates already started', () => {
    const q = buildQueue(
      input({
        started: [
          started('p/suspended', card(State.Review, at(-1000)), { suspended: true }),
          started('p/buried', card(State.Review, at(-1000)), { buriedUntil: DAY_END }),
          started('p/unburied', card(State.Review, at(-1000)), { buriedUntil: at(-1) }),
          started('p/started', gradeCard(f, null, at(-3_600_000 * 30), Rating.Good).card),
        ],
        newCandidates: [{ itemId: 'p/started', topicId: 'p' }, { itemId: 'p/fresh', topicId: 'p' }],
      }),
    );
    expect(q.items.map((i) => i.itemId)).toEqual(['p/started', 'p/unburied', 'p/fresh']);
  });

  it('shows a learning card a little early (learn-ahead) but not one due much later', () => {
    const q = buildQueue(
      input({
        started: [
          started('p/soon', card(State.Learning, at(5 * 60_000))),
          started('p/later', card(State.Relearning, at(60 * 60_000))),
        ],
      }),
    );
    expect(q.items.map((i) => i.itemId)).toEqual(['p/soon']);
  });

  it('offers a card reset to new like a new card', () => {
    const q = buildQueue(input({ started: [started('p/reset', card(State.New, at(-1)))] }));
    expect(q.counts.new).toBe(1);
    expect(q.items[0]!.card?.state).toBe(State.New);
  });
});
