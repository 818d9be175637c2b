import { describe, expect, it } from 'vitest';
import { areSiblings, buildQueue, interleave, spreadSiblings, type QueueInput, type StartedItem } from './queue';
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
  it('orders due learning cards, then due reviews with new cards in path order mixed in', () => {
    const q = buildQueue(
      input({
        started: [
          started('c/review-late', card(State.Review, at(-3_600_000))),
          started('a/learning', card(State.Learning, at(-60_000))),
          started('b/review-early', card(State.Review, at(-86_400_000))),
          started('d/review-tonight', card(State.Review, at(10 * 3_600_000))),
          started('e/review-tomorrow', card(State.Review, at(20 * 3_600_000))),
        ],
        newCandidates: [
          { itemId: 'timeout/one', topicId: 'timeout' },
          { itemId: 'timeout/two', topicId: 'timeout' },
        ],
      }),
    );
    expect(q.items.map((i) => i.itemId)).toEqual([
      'a/learning',
      'b/review-early',
      'timeout/one',
      'c/review-late',
      'timeout/two',
      'd/review-tonight',
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

  it('keeps siblings apart and interleaves a pattern\'s new cards with other due work', () => {
    const q = buildQueue(
      input({
        started: [
          started('saga/r1', card(State.Review, at(-5000))),
          started('saga/r2', card(State.Review, at(-4000))),
          started('cqrs/r1', card(State.Review, at(-3000))),
          started('cqrs/r2', card(State.Review, at(-2000))),
          started('timeout/q1', card(State.Review, at(-1000)), { topicId: 'quiz', tests: ['sharding/c1'] }),
          started('bulkhead/r1', card(State.Review, at(-500))),
        ],
        newCandidates: ['c1', 'c2', 'c3'].map((k) => ({ itemId: `sharding/${k}`, topicId: 'sharding' })),
      }),
    );
    const ids = q.items.map((i) => i.itemId);
    expect(ids).toHaveLength(9);
    for (let i = 1; i < q.items.length; i++) {
      expect(areSiblings(q.items[i - 1]!, q.items[i]!), `${ids[i - 1]} then ${ids[i]}`).toBe(false);
    }
    // New cards are not a block at the end.
    expect(ids.indexOf('sharding/c1')).toBeLessThan(6);
  });
});

describe('areSiblings', () => {
  it('pairs items of one pattern, and a question with a card it tests', () => {
    expect(areSiblings({ itemId: 'saga/a', topicId: 'saga' }, { itemId: 'saga/q', topicId: 'saga' })).toBe(true);
    expect(areSiblings({ itemId: 'saga/a', topicId: 'saga' }, { itemId: 'cqrs/a', topicId: 'cqrs' })).toBe(false);
    expect(areSiblings({ itemId: 'quizzes/q1', topicId: 'quizzes', tests: ['saga/a'] }, { itemId: 'saga/a', topicId: 'saga' })).toBe(true);
    expect(areSiblings({ itemId: 'saga/a', topicId: 'saga' }, { itemId: 'quizzes/q1', topicId: 'quizzes', tests: ['saga/a'] })).toBe(true);
  });
});

describe('interleave', () => {
  it('spreads new cards evenly through the due ones, keeping both orders', () => {
    expect(interleave(['r1', 'r2', 'r3', 'r4'], ['n1', 'n2'])).toEqual(['r1', 'r2', 'n1', 'r3', 'n2', 'r4']);
    expect(interleave(['r1'], ['n1'])).toEqual(['r1', 'n1']);
    expect(interleave([], ['n1', 'n2'])).toEqual(['n1', 'n2']);
    expect(interleave(['r1', 'r2'], [])).toEqual(['r1', 'r2']);
  });
});

describe('spreadSiblings', () => {
  const item = (id: string) => ({ itemId: id, topicId: id.split('/')[0]! });

  it('never puts two siblings back to back while something else is left, and keeps order otherwise', () => {
    const out = spreadSiblings(['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'c/1'].map(item)).map((i) => i.itemId);
    expect(out).toEqual(['a/1', 'b/1', 'a/2', 'b/2', 'a/3', 'c/1']);
    expect(spreadSiblings(['a/1', 'b/1', 'c/1'].map(item)).map((i) => i.itemId)).toEqual(['a/1', 'b/1', 'c/1']);
  });

  it('puts a large pattern first so its cards do not end as a block', () => {
    const out = spreadSiblings(['b/1', 'c/1', 'a/1', 'a/2', 'a/3'].map(item)).map((i) => i.itemId);
    expect(out).toEqual(['a/1', 'b/1', 'a/2', 'c/1', 'a/3']);
  });

  it('does not show a question right after the card it tests, nor after the item shown before', () => {
    const q = { itemId: 'quizzes/q', topicId: 'quizzes', tests: ['saga/c'] };
    const out = spreadSiblings([item('saga/c'), q, item('cqrs/c')]).map((i) => i.itemId);
    expect(out).toEqual(['saga/c', 'cqrs/c', 'quizzes/q']);
    expect(spreadSiblings([item('saga/x'), item('cqrs/x')], item('saga/c')).map((i) => i.itemId)).toEqual(['cqrs/x', 'saga/x']);
  });

  it('keeps a single pattern in order when nothing else is due', () => {
    expect(spreadSiblings(['a/1', 'a/2', 'a/3'].map(item)).map((i) => i.itemId)).toEqual(['a/1', 'a/2', 'a/3']);
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

describe('spreadSiblings keeps its order with counts kept as items are taken', () => {
  /** The version that recounted every pattern at each step. */
  function reference<T extends { itemId: string; topicId: string; tests?: readonly string[] }>(items: readonly T[], previous: T | null = null): T[] {
    const rest = [...items];
    const out: T[] = [];
    let last: T | null = previous;
    while (rest.length) {
      const free = (x: T) => !last || !areSiblings(last, x);
      const byTopic = new Map<string, number>();
      for (const x of rest) byTopic.set(x.topicId, (byTopic.get(x.topicId) ?? 0) + 1);
      const [bigTopic, bigCount] = [...byTopic].reduce((a, b) => (b[1] > a[1] ? b : a));
      let i = bigCount * 2 > rest.length ? rest.findIndex((x) => x.topicId === bigTopic && free(x)) : -1;
      if (i < 0) i = rest.findIndex(free);
      if (i < 0) i = 0;
      const [next] = rest.splice(i, 1);
      out.push(next!);
      last = next!;
    }
    return out;
  }
  it('gives the same order as recounting, on random sessions with majorities, tests links and a previous item', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const topics = 1 + Math.floor(rand() * 8);
      const n = Math.floor(rand() * 60);
      const items = Array.from({ length: n }, (_, i) => {
        // Skewed: topic 0 often holds a majority.
        const topicId = `t${rand() < 0.5 ? 0 : Math.floor(rand() * topics)}`;
        return { itemId: `${topicId}/i${i}`, topicId, ...(rand() < 0.2 ? { tests: [`t${Math.floor(rand() * topics)}/i${Math.floor(rand() * n)}`] } : {}) };
      });
      const previous = rand() < 0.5 && n ? items[Math.floor(rand() * n)]! : null;
      expect(spreadSiblings(items, previous)).toEqual(reference(items, previous));
    }
  });
});
