import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCard, Rating, State } from '@/lib/srs/scheduler';
import { createAttempt, finishAttempt, getAttempt, QuizError, quizResults, recordAnswer } from './quiz';
import { getCardState, recordReview } from './reviews';
import { reviewLogs } from './tables';

const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
const T0 = new Date('2026-06-01T10:00:00Z');
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

function attempt(userId: string, id = '00000000-0000-4000-8000-00000000a001', deadlineAt: Date | null = null) {
  return createAttempt(ctx.db, {
    id,
    userId,
    kind: deadlineAt ? 'interview' : 'topic',
    sourceId: deadlineAt ? null : 'timeout',
    questionIds: ['timeout/q1', 'timeout/q2'],
    optionOrders: [
      [2, 0, 1, 3],
      [0, 1, 2, 3],
    ],
    immediateFeedback: !deadlineAt,
    now: T0,
    deadlineAt,
  });
}

let logN = 0;
function answer(userId: string, attemptId: string, questionId: string, correct: boolean, now = T0) {
  return recordAnswer(ctx.db, {
    userId,
    attemptId,
    questionId,
    chosenOption: correct ? 0 : 1,
    correct,
    now,
    reviewLogId: `00000000-0000-4000-8000-${String(++logN).padStart(12, '0')}`,
    topicId: 'timeout',
    durationMs: 4_000,
    shownOrder: [2, 0, 1, 3],
    schedule: (prev) => gradeCard(f, prev, now, correct ? Rating.Good : Rating.Again),
    linkedCards: [
      { itemId: 'timeout/card-a', topicId: 'timeout' },
      { itemId: 'timeout/card-b', topicId: 'timeout' },
    ],
    newCardState: newCard,
  });
}

async function expectQuizError(fn: () => unknown, status: number, message: RegExp) {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QuizError);
    expect((e as QuizError).status).toBe(status);
    expect((e as QuizError).message).toMatch(message);
    return;
  }
  throw new Error('expected a QuizError');
}

describe('recordAnswer', () => {
  it('stores the answer and reviews the question with source quiz', async () => {
    const user = await ctx.learner();
    const a = await attempt(user);
    await answer(user, a.id, 'timeout/q1', true);
    const q = (await getCardState(ctx.db, user, 'timeout/q1'))!;
    expect(q.kind).toBe('question');
    expect(q.state).toBe(State.Learning);
    const logs = await ctx.db.select().from(reviewLogs);
    expect(logs).toHaveLength(1);
    // The time the answer took and the order the attempt showed are kept with the review.
    expect(logs[0]).toMatchObject({ source: 'quiz', rating: Rating.Good, itemId: 'timeout/q1', durationMs: 4_000, shownOrder: '[2,0,1,3]' });
    expect((await getAttempt(ctx.db, user, a.id))!.answers).toHaveLength(1);
  });

  it('on a miss pulls the linked flashcards to now without logging reviews for them', async () => {
    const user = await ctx.learner();
    // card-a is in review, due in the future; card-b was never studied.
    await recordReview(ctx.db, {
      userId: user,
      logId: '00000000-0000-4000-8000-0000000000c1',
      itemId: 'timeout/card-a',
      topicId: 'timeout',
      kind: 'card',
      now: new Date(T0.getTime() - 2 * 86_400_000),
      durationMs: 0,
      source: 'review',
      schedule: (prev) => gradeCard(f, prev, new Date(T0.getTime() - 2 * 86_400_000), Rating.Easy),
    });
    expect((await getCardState(ctx.db, user, 'timeout/card-a'))!.due.getTime()).toBeGreaterThan(T0.getTime());
    const a = await attempt(user);
    const { pulled } = await answer(user, a.id, 'timeout/q2', false);
    expect(pulled).toBe(2);
    expect((await getCardState(ctx.db, user, 'timeout/card-a'))!.due).toEqual(T0);
    const b = (await getCardState(ctx.db, user, 'timeout/card-b'))!;
    expect(b.state).toBe(State.New);
    expect(b.due).toEqual(T0);
    expect((await ctx.db.select().from(reviewLogs)).map((l) => l.itemId).sort()).toEqual(['timeout/card-a', 'timeout/q2']);
  });

  it('refuses a question outside the attempt, a second answer, and someone else\'s attempt, changing nothing', async () => {
    const user = await ctx.learner();
    const other = await ctx.learner();
    const a = await attempt(user);
    await expectQuizError(() => answer(user, a.id, 'timeout/q9', true), 400, /not part of this quiz/);
    await answer(user, a.id, 'timeout/q1', true);
    await expectQuizError(() => answer(user, a.id, 'timeout/q1', false), 409, /already answered/);
    await expectQuizError(() => answer(other, a.id, 'timeout/q2', true), 404, /no such quiz/);
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(1);
    expect((await getAttempt(ctx.db, user, a.id))!.answers).toHaveLength(1);
  });

  it('refuses answers after the deadline and after finishing', async () => {
    const user = await ctx.learner();
    const timed = await attempt(user, '00000000-0000-4000-8000-00000000a002', new Date(T0.getTime() + 60_000));
    await expectQuizError(() => answer(user, timed.id, 'timeout/q1', true, new Date(T0.getTime() + 61_000)), 409, /Time is up/);
    const a = await attempt(user);
    await finishAttempt(ctx.db, user, a.id, T0, 0.8);
    await expectQuizError(() => answer(user, a.id, 'timeout/q1', true), 409, /already finished/);
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(0);
  });
});

describe('finishAttempt', () => {
  it('scores unanswered questions as wrong, records the pass, and is idempotent', async () => {
    const user = await ctx.learner();
    const a = await attempt(user);
    await answer(user, a.id, 'timeout/q1', true);
    const done = await finishAttempt(ctx.db, user, a.id, new Date(T0.getTime() + 1000), 0.8);
    expect(done).toMatchObject({ score: 1, total: 2, passed: false });
    const again = await finishAttempt(ctx.db, user, a.id, new Date(T0.getTime() + 99_000), 0.8);
    expect(again.finishedAt).toEqual(done.finishedAt);
    const b = await attempt(user, '00000000-0000-4000-8000-00000000a003');
    await answer(user, b.id, 'timeout/q1', true);
    await answer(user, b.id, 'timeout/q2', true);
    await finishAttempt(ctx.db, user, b.id, T0, 0.8);
    expect((await quizResults(ctx.db, user)).get('timeout')).toMatchObject({ best: 2, total: 2, passed: true });
  });

  it('stamps a timed attempt finished at its deadline when time ran out', async () => {
    const user = await ctx.learner();
    const deadline = new Date(T0.getTime() + 60_000);
    const timed = await attempt(user, '00000000-0000-4000-8000-00000000a004', deadline);
    expect((await finishAttempt(ctx.db, user, timed.id, new Date(T0.getTime() + 500_000), 0.8)).finishedAt).toEqual(deadline);
  });
});
