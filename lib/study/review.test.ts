import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from 'ts-fsrs';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { getCardState, lastShownOrders, markLessonRead, rowToCard } from '@/lib/db/reviews';
import { BadGradeError, gradeItem, NotStudyableError, UnknownItemError } from './review';

const { library } = readLibrary(path.resolve('content'));
let ctx: ReturnType<typeof freshDb>;
beforeEach(() => {
  ctx = freshDb();
});
afterEach(() => ctx.cleanup());

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number, minutes = 0) => new Date(T0.getTime() + days * 86_400_000 + minutes * 60_000);
const SEQUENCE: [Grade, Date][] = [
  [Rating.Good, at(0)],
  [Rating.Good, at(0, 10)],
  [Rating.Good, at(3)],
  [Rating.Again, at(12)],
  [Rating.Good, at(12, 10)],
  [Rating.Hard, at(15)],
  [Rating.Easy, at(31)],
  [Rating.Good, at(90)],
];

describe('conformance: the app stores what ts-fsrs computes', () => {
  it('after a fixed sequence of ratings on fixed dates, state, stability, difficulty and due match ts-fsrs', () => {
    const user = ctx.learner();
    markLessonRead(ctx.db, user, 'timeout', at(-1));
    const itemId = library.topics.get('timeout')!.cards[0]!.id;
    // The same settings the app gives a new learner: 90%, steps 1m 10m / 10m, fuzz on, 36500 days.
    const direct = fsrs(
      generatorParameters({
        request_retention: 0.9,
        maximum_interval: 36500,
        enable_fuzz: true,
        enable_short_term: true,
        learning_steps: ['1m', '10m'],
        relearning_steps: ['10m'],
      }),
    );
    let expected: Card | null = null;
    SEQUENCE.forEach(([rating, when], i) => {
      gradeItem(ctx.db, library, user, { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, itemId, rating, durationMs: 0 }, when);
      expected = direct.next(expected ?? createEmptyCard(when), when, rating).card;
      const stored = rowToCard(getCardState(ctx.db, user, itemId)!);
      expect(stored, `after review ${i + 1}`).toEqual(expected);
    });
    const final = rowToCard(getCardState(ctx.db, user, itemId)!);
    expect(final.state).toBe(State.Review);
    expect(final.reps).toBe(SEQUENCE.length);
    expect(final.lapses).toBe(1);
  });

  it('grades a due quiz question from the chosen option, Good when right and Again when wrong', () => {
    const user = ctx.learner();
    markLessonRead(ctx.db, user, 'timeout', at(-1));
    const q = library.topics.get('timeout')!.questions[0]!;
    const right = q.options.findIndex((o) => o.correct);
    const wrong = q.options.findIndex((o) => !o.correct);
    const first = gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000a1', itemId: q.id, answer: right, durationMs: 0 }, at(0));
    expect(first.correct).toBe(true);
    const second = gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000a2', itemId: q.id, answer: wrong, durationMs: 0 }, at(0, 20));
    expect(second.correct).toBe(false);
    expect(second.pulled).toBe(q.cards.length);
    // Questions skip the short learning steps: FSRS schedules them a day or more ahead.
    const direct = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: true, learning_steps: [], relearning_steps: [] }));
    let expected = direct.next(createEmptyCard(at(0)), at(0), Rating.Good).card;
    expected = direct.next(expected, at(0, 20), Rating.Again).card;
    const stored = rowToCard(getCardState(ctx.db, user, q.id)!);
    expect(stored).toEqual(expected);
    expect(stored.state).toBe(State.Review);
    // Not again on the same study day (days start at 4:00 UTC for a new learner).
    expect(stored.due.getTime()).toBeGreaterThanOrEqual(new Date('2026-03-03T04:00:00Z').getTime());
  });

  it('records the order a question was shown in, and refuses an order that is not a permutation of its options', () => {
    const user = ctx.learner();
    markLessonRead(ctx.db, user, 'timeout', at(-1));
    const q = library.topics.get('timeout')!.questions[1]!;
    const n = q.options.length;
    const order = Array.from({ length: n }, (_, i) => n - 1 - i);
    expect(() =>
      gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000c1', itemId: q.id, answer: 0, durationMs: 0, shownOrder: [0, 0, 1, 2].slice(0, n) }, at(0)),
    ).toThrow(BadGradeError);
    expect(getCardState(ctx.db, user, q.id)).toBeUndefined();
    gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000c2', itemId: q.id, answer: 0, durationMs: 1500, shownOrder: order }, at(0));
    expect(lastShownOrders(ctx.db, user, [q.id]).get(q.id)).toEqual(order);
    const card = library.topics.get('timeout')!.cards[0]!.id;
    expect(() => gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000c3', itemId: card, rating: 3, durationMs: 0, shownOrder: [0] }, at(0))).toThrow(
      BadGradeError,
    );
  });

  it('refuses unknown items and cards of unread lessons', () => {
    const user = ctx.learner();
    expect(() => gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000b1', itemId: 'timeout/nope', rating: 3, durationMs: 0 }, T0)).toThrow(
      UnknownItemError,
    );
    const card = library.topics.get('saga')!.cards[0]!.id;
    expect(() => gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000b2', itemId: card, rating: 3, durationMs: 0 }, T0)).toThrow(
      NotStudyableError,
    );
  });
});
