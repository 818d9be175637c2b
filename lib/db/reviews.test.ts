import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '@/test/db-fixture';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating, State, undoReview as undoCard } from '@/lib/srs/scheduler';
import {
  countReviews,
  DuplicateReviewError,
  getCardState,
  NotLatestReviewError,
  recordReview,
  ReviewNotFoundError,
  rowToCard,
  undoReview,
} from './reviews';
import { reviewLogs, users } from './tables';
import { EmailTakenError, createUser } from './users';

const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
const T0 = new Date('2026-05-01T10:00:00Z');

let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

function review(userId: string, logId: string, rating: 1 | 2 | 3 | 4, now: Date, itemId = 'timeout/what-is') {
  return recordReview(ctx.db, {
    userId,
    logId,
    itemId,
    topicId: 'timeout',
    kind: 'card',
    now,
    durationMs: 1200,
    source: 'review',
    schedule: (prev) => gradeCard(f, prev, now, rating),
  });
}
const restore = (c: Parameters<typeof undoCard>[1], l: Parameters<typeof undoCard>[2], d: Date) => undoCard(f, c, l, d);

describe('recordReview', () => {
  it('writes the card state and the log row together', async () => {
    const user = await ctx.learner();
    const { card } = await review(user, '00000000-0000-4000-8000-000000000001', Rating.Good, T0);
    const row = (await getCardState(ctx.db, user, 'timeout/what-is'))!;
    expect(rowToCard(row)).toEqual(card);
    expect(row.state).toBe(State.Learning);
    const logs = await ctx.db.select().from(reviewLogs);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ rating: Rating.Good, state: State.New, hadState: false, durationMs: 1200, source: 'review' });
  });

  it('treats a repeated log id as a retry: it throws and changes nothing', async () => {
    const user = await ctx.learner();
    await review(user, '00000000-0000-4000-8000-000000000002', Rating.Good, T0);
    const before = await getCardState(ctx.db, user, 'timeout/what-is');
    await expect(review(user, '00000000-0000-4000-8000-000000000002', Rating.Again, new Date(T0.getTime() + 60_000))).rejects.toThrow(
      DuplicateReviewError,
    );
    expect(await getCardState(ctx.db, user, 'timeout/what-is')).toEqual(before);
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(1);
  });

  it('rolls back the card state when the log insert fails', async () => {
    const user = await ctx.learner();
    // Another learner's log id collides: the whole review must be undone.
    const other = await ctx.learner();
    await review(other, '00000000-0000-4000-8000-000000000003', Rating.Good, T0);
    await expect(review(user, '00000000-0000-4000-8000-000000000003', Rating.Good, T0)).rejects.toThrow();
    expect(await getCardState(ctx.db, user, 'timeout/what-is')).toBeUndefined();
  });

  it('keeps each learner to their own cards', async () => {
    const a = await ctx.learner();
    const b = await ctx.learner();
    await review(a, '00000000-0000-4000-8000-000000000004', Rating.Good, T0);
    expect(await getCardState(ctx.db, b, 'timeout/what-is')).toBeUndefined();
    expect((await countReviews(ctx.db, b, new Date(0), new Date(T0.getTime() + 1))).reviews).toBe(0);
    await expect(undoReview(ctx.db, { userId: b, logId: '00000000-0000-4000-8000-000000000004', restore })).rejects.toThrow(ReviewNotFoundError);
  });
});

describe('undoReview', () => {
  it('deletes the state a first review created, and the log row', async () => {
    const user = await ctx.learner();
    await review(user, '00000000-0000-4000-8000-000000000010', Rating.Good, T0);
    const result = await undoReview(ctx.db, { userId: user, logId: '00000000-0000-4000-8000-000000000010', restore });
    expect(result).toEqual({ itemId: 'timeout/what-is', card: null });
    expect(await getCardState(ctx.db, user, 'timeout/what-is')).toBeUndefined();
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(0);
  });

  it('restores the previous state exactly', async () => {
    const user = await ctx.learner();
    await review(user, '00000000-0000-4000-8000-000000000011', Rating.Good, T0);
    const t1 = new Date(T0.getTime() + 10 * 60_000);
    await review(user, '00000000-0000-4000-8000-000000000012', Rating.Good, t1);
    const before = (await getCardState(ctx.db, user, 'timeout/what-is'))!;
    expect(before.state).toBe(State.Review);
    const t2 = new Date(before.due.getTime() + 3 * 86_400_000);
    await review(user, '00000000-0000-4000-8000-000000000013', Rating.Again, t2);
    await undoReview(ctx.db, { userId: user, logId: '00000000-0000-4000-8000-000000000013', restore });
    const after = (await getCardState(ctx.db, user, 'timeout/what-is'))!;
    expect(rowToCard(after)).toEqual(rowToCard(before));
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(2);
  });

  it('refuses to undo anything but the latest review of a card', async () => {
    const user = await ctx.learner();
    await review(user, '00000000-0000-4000-8000-000000000020', Rating.Good, T0);
    await review(user, '00000000-0000-4000-8000-000000000021', Rating.Good, new Date(T0.getTime() + 600_000));
    await expect(undoReview(ctx.db, { userId: user, logId: '00000000-0000-4000-8000-000000000020', restore })).rejects.toThrow(NotLatestReviewError);
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(2);
  });
});

describe('countReviews', () => {
  it('counts reviews in a window and how many introduced a new card', async () => {
    const user = await ctx.learner();
    await review(user, '00000000-0000-4000-8000-000000000030', Rating.Good, T0, 'timeout/a');
    await review(user, '00000000-0000-4000-8000-000000000031', Rating.Good, new Date(T0.getTime() + 600_000), 'timeout/a');
    await review(user, '00000000-0000-4000-8000-000000000032', Rating.Again, new Date(T0.getTime() + 700_000), 'timeout/b');
    expect(await countReviews(ctx.db, user, T0, new Date(T0.getTime() + 86_400_000))).toEqual({ reviews: 3, introduced: 2, quizAnswers: 0 });
    expect(await countReviews(ctx.db, user, new Date(T0.getTime() + 1), new Date(T0.getTime() + 86_400_000))).toEqual({
      reviews: 2,
      introduced: 1,
      quizAnswers: 0,
    });
  });

  it('counts quiz answers apart from reviews', async () => {
    const user = await ctx.learner();
    await review(user, '00000000-0000-4000-8000-000000000040', Rating.Good, T0, 'timeout/a');
    await recordReview(ctx.db, {
      userId: user,
      logId: '00000000-0000-4000-8000-000000000041',
      itemId: 'timeout/q',
      topicId: 'timeout',
      kind: 'question',
      now: T0,
      durationMs: 9000,
      source: 'quiz',
      shownOrder: [1, 0, 2, 3],
      schedule: (prev) => gradeCard(f, prev, T0, Rating.Good),
    });
    expect(await countReviews(ctx.db, user, T0, new Date(T0.getTime() + 86_400_000))).toEqual({ reviews: 1, introduced: 1, quizAnswers: 1 });
  });
});

describe('createUser', () => {
  it('rejects a taken email and creates default settings', async () => {
    await createUser(ctx.db, { email: 'same@example.com', passwordHash: 'x' });
    await expect(createUser(ctx.db, { email: 'same@example.com', passwordHash: 'y' })).rejects.toThrow(EmailTakenError);
  });

  it('the same email signing up several times at once (several servers) gets one account; the others are told it is taken', async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createUser(ctx.db, { email: 'race@example.com', passwordHash: `p${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(EmailTakenError);
    expect(await ctx.db.select().from(users).where(eq(users.email, 'race@example.com'))).toHaveLength(1);
  });
});
