import { transaction } from '@/lib/db/tx';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from 'ts-fsrs';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { getCardState, lastShownOrders, markLessonRead, rowToCard } from '@/lib/db/reviews';
import { eq } from 'drizzle-orm';
import { cardStates, userSettings } from '@/lib/db/tables';
import { getSettingsRow } from '@/lib/db/settings';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, previewGrades } from '@/lib/srs/scheduler';
import { BadGradeError, gradeItem, NotStudyableError, UnknownItemError } from './review';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
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
  it('after a fixed sequence of ratings on fixed dates, state, stability, difficulty and due match ts-fsrs', async () => {
    const user = await ctx.learner();
    // Load balancing off: ts-fsrs's own fuzz picks the day.
    await getSettingsRow(ctx.db, user);
    await ctx.db.update(userSettings).set({ loadBalance: false }).where(eq(userSettings.userId, user));
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
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
    for (const [i, [rating, when]] of SEQUENCE.entries()) {
      await gradeItem(ctx.db, library, user, { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, itemId, rating, durationMs: 0 }, when);
      expected = direct.next(expected ?? createEmptyCard(when), when, rating).card;
      const stored = rowToCard((await getCardState(ctx.db, user, itemId))!);
      expect(stored, `after review ${i + 1}`).toEqual(expected);
    }
    const final = rowToCard((await getCardState(ctx.db, user, itemId))!);
    expect(final.state).toBe(State.Review);
    expect(final.reps).toBe(SEQUENCE.length);
    expect(final.lapses).toBe(1);
  });

  it('grades a due quiz question from the chosen option, Good when right and Again when wrong', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const q = library.topics.get('timeout')!.questions[0]!;
    const right = q.options.findIndex((o) => o.correct);
    const wrong = q.options.findIndex((o) => !o.correct);
    const first = await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000a1', itemId: q.id, answer: right, durationMs: 0 }, at(0));
    expect(first.correct).toBe(true);
    const second = await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000a2', itemId: q.id, answer: wrong, durationMs: 0 }, at(0, 20));
    expect(second.correct).toBe(false);
    expect(second.pulled).toBe(q.cards.length);
    // Questions skip the short learning steps: FSRS schedules them a day or more ahead.
    const direct = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: true, learning_steps: [], relearning_steps: [] }));
    let expected = direct.next(createEmptyCard(at(0)), at(0), Rating.Good).card;
    expected = direct.next(expected, at(0, 20), Rating.Again).card;
    const stored = rowToCard((await getCardState(ctx.db, user, q.id))!);
    expect(stored).toEqual(expected);
    expect(stored.state).toBe(State.Review);
    // Not again on the same study day (days start at 4:00 UTC for a new learner).
    expect(stored.due.getTime()).toBeGreaterThanOrEqual(new Date('2026-03-03T04:00:00Z').getTime());
  });

  it('records the order a question was shown in, and refuses an order that is not a permutation of its options', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const q = library.topics.get('timeout')!.questions[1]!;
    const n = q.options.length;
    const order = Array.from({ length: n }, (_, i) => n - 1 - i);
    await expect(gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000c1', itemId: q.id, answer: 0, durationMs: 0, shownOrder: [0, 0, 1, 2].slice(0, n) }, at(0)),).rejects.toThrow(BadGradeError);
    expect(await getCardState(ctx.db, user, q.id)).toBeUndefined();
    await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000c2', itemId: q.id, answer: 0, durationMs: 1500, shownOrder: order }, at(0));
    expect((await lastShownOrders(ctx.db, user, [q.id])).get(q.id)).toEqual(order);
    const card = library.topics.get('timeout')!.cards[0]!.id;
    await expect(gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000c3', itemId: card, rating: 3, durationMs: 0, shownOrder: [0] }, at(0))).rejects.toThrow(
      BadGradeError,
    );
  });

  it('answers a card that comes back in this session with its stored state and next previews, others with none', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const itemId = library.topics.get('timeout')!.cards[0]!.id;
    const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    // Again on a new card: the 1-minute step; the previews are for the moment it is due again.
    const first = await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000d1', itemId, rating: Rating.Again, durationMs: 0 }, at(0));
    const stored = rowToCard((await getCardState(ctx.db, user, itemId))!);
    expect(first.card).toEqual(stored);
    expect(stored.state).toBe(State.Learning);
    expect(first.previews).toEqual(previewGrades(scheduler, stored, stored.due));
    expect(first.previews![Rating.Again]).toEqual({ label: '1m', inMs: 60_000, state: State.Learning });
    // Easy graduates it to a review days away: it does not come back today, no previews.
    const second = await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000d2', itemId, rating: Rating.Easy, durationMs: 0 }, at(0, 1));
    expect(second.card.state).toBe(State.Review);
    expect(second.previews).toBeNull();
    // A question never comes back the same day.
    const q = library.topics.get('timeout')!.questions[0]!;
    const wrong = q.options.findIndex((o) => !o.correct);
    const answered = await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000d3', itemId: q.id, answer: wrong, durationMs: 0 }, at(0, 2));
    expect(answered.previews).toBeNull();
  });

  it('refuses unknown items and cards of unread lessons', async () => {
    const user = await ctx.learner();
    await expect(gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000b1', itemId: 'timeout/nope', rating: 3, durationMs: 0 }, T0)).rejects.toThrow(
      UnknownItemError,
    );
    const card = library.topics.get('saga')!.cards[0]!.id;
    await expect(gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-0000000000b2', itemId: card, rating: 3, durationMs: 0 }, T0)).rejects.toThrow(
      NotStudyableError,
    );
  });
});

describe('load balancing', () => {
  it('puts a review on the emptiest day of its fuzz range, and not when it is off', async () => {
    const run = async (loadBalance: boolean) => {
      const c = await freshDb();
      try {
        const user = await c.learner();
        await getSettingsRow(c.db, user);
        await c.db.update(userSettings).set({ loadBalance }).where(eq(userSettings.userId, user));
        await markLessonRead(c.db, user, 'timeout', at(-1));
        const itemId = library.topics.get('timeout')!.cards[0]!.id;
        const grade = (n: number, rating: Grade, when: Date) =>
          gradeItem(c.db, library, user, { id: `00000000-0000-4000-8000-00000000000${n}`, itemId, rating, durationMs: 0 }, when);
        await grade(1, Rating.Good, at(0));
        await grade(2, Rating.Good, at(0, 10));
        const due = rowToCard((await getCardState(c.db, user, itemId))!).due;
        // 40 other review cards due on every day of the next two months but one: day 21.
        // One transaction: 2,360 separate commits, each synced to disk, take seconds on a busy machine.
        let k = 0;
        await transaction(c.db, async (tx) => {
          for (let d = 1; d <= 60; d++) {
            if (d === 21) continue;
            for (let i = 0; i < 40; i++) {
              await tx.insert(cardStates).values({
                userId: user, itemId: `filler/${k++}`, topicId: 'filler', kind: 'card', due: new Date(due.getTime() + d * 86_400_000),
                stability: 20, difficulty: 5, elapsedDays: 0, scheduledDays: 20, learningSteps: 0, reps: 3, lapses: 0, state: 2,
                lastReview: due, createdAt: due, updatedAt: due,
              });
            }
          }
        });
        await grade(3, Rating.Easy, due);
        const after = rowToCard((await getCardState(c.db, user, itemId))!);
        return Math.round((after.due.getTime() - due.getTime()) / 86_400_000);
      } finally {
        await c.cleanup();
      }
    };
    // The unfuzzed Easy interval here is 19 days, its fuzz range 16-22 days.
    expect(await run(true)).toBe(21);
    expect(await run(false)).not.toBe(21);
    // Two fresh databases and ~5,000 durable inserts: seconds on a loaded 2-core machine.
  }, 60_000);
});
