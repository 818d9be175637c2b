import { raw } from '@/lib/db/prepared';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { historiesByItem } from '@/lib/db/cards';
import { allReviewLogs, countReviewsSince } from '@/lib/db/optimizer';
import { reviewLogPoints } from '@/lib/db/progress';
import { countReviews, DuplicateReviewError, listCardStates, markLessonRead, ReviewNotFoundError, reviewTimesSince } from '@/lib/db/reviews';
import { reviewLogs } from '@/lib/db/tables';
import { Rating } from '@/lib/srs/scheduler';
import { cramHistory, cramItem, cramScope, cramSession, cramTopics } from './cram';
import { gradeItem, undoItem } from './review';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());
const T0 = new Date('2026-06-01T09:00:00Z');
const at = (d: number, m = 0) => new Date(T0.getTime() + d * 86_400_000 + m * 60_000);
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('cramScope', () => {
  it('takes exactly one of path, category or patterns', () => {
    expect(cramScope.parse({ path: 'beginner' })).toEqual({ path: 'beginner' });
    expect(cramScope.parse({ patterns: ['saga', 'timeout'] }).patterns).toEqual(['saga', 'timeout']);
    expect(cramScope.parse({ patterns: 'saga,timeout' }).patterns).toEqual(['saga', 'timeout']);
    expect(cramScope.safeParse({}).success).toBe(false);
    expect(cramScope.safeParse({ path: 'beginner', category: 'data' }).success).toBe(false);
    expect(cramScope.safeParse({ category: 'nonsense' }).success).toBe(false);
    expect(cramScope.safeParse({ patterns: ['../etc'] }).success).toBe(false);
  });

  it('resolves a path, a category and patterns to their topics', () => {
    const pathId = library.paths[0]!.id;
    expect(cramTopics(library, { path: pathId }).topics.length).toBeGreaterThan(0);
    const data = cramTopics(library, { category: 'resilience' });
    expect(data.topics.every((t) => t.meta?.category === 'resilience')).toBe(true);
    expect(cramTopics(library, { patterns: ['timeout'] }).topics.map((t) => t.id)).toEqual(['timeout']);
  });
});

describe('cramming', () => {
  it('the same answer sent several times at once (retries on other servers) is recorded once; the others are refused as duplicates', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const card = library.topics.get('timeout')!.cards[0]!;
    const input = { id: uuid(), itemId: card.id, rating: Rating.Good, durationMs: 0 };
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => cramItem(ctx.db, library, user, input, at(1))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateReviewError);
    expect((await ctx.db.select().from(reviewLogs)).filter((l) => l.id === input.id)).toHaveLength(1);
  });

  it('orders weakest first, logs answers as cram, and changes no card state', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const [c1, c2] = library.topics.get('timeout')!.cards;
    // c1 studied well, c2 studied and failed: c2 is weaker by the time we cram.
    for (const [id, ratings] of [
      [c1!.id, [Rating.Good, Rating.Good, Rating.Easy]],
      [c2!.id, [Rating.Again, Rating.Good, Rating.Hard]],
    ] as const) {
      for (const [i, r] of ratings.entries()) await gradeItem(ctx.db, library, user, { id: uuid(), itemId: id, rating: r, durationMs: 0 }, at(i === 2 ? 1 : 0, i * 10));
    }
    const statesBefore = await listCardStates(ctx.db, user);
    const logsBefore = (await allReviewLogs(ctx.db, user)).length;

    const session = await cramSession(ctx.db, library, user, { patterns: ['timeout'] }, at(10));
    const ids = session.items.map((i) => i.itemId);
    const topic = library.topics.get('timeout')!;
    expect(ids).toHaveLength(topic.cards.length + topic.questions.length);
    // Never-studied items (recall 0) come first, then c2 before c1.
    expect(ids.indexOf(c2!.id)).toBeLessThan(ids.indexOf(c1!.id));
    expect(session.items[0]!.retrievability).toBe(0);

    const q = topic.questions[0]!;
    await cramItem(ctx.db, library, user, { id: uuid(), itemId: c1!.id, rating: Rating.Again, durationMs: 1000 }, at(10, 1));
    await cramItem(ctx.db, library, user, { id: uuid(), itemId: c2!.id, rating: Rating.Good, durationMs: 1000 }, at(10, 2));
    const { correct } = await cramItem(ctx.db, library, user, { id: uuid(), itemId: q.id, answer: q.options.findIndex((o) => o.correct), durationMs: 0 }, at(10, 3));
    expect(correct).toBe(true);

    // Card states are exactly as before, and no state was created for the never-studied question.
    expect(await listCardStates(ctx.db, user)).toEqual(statesBefore);
    const cram = (await ctx.db.select().from(reviewLogs)).filter((l) => l.source === 'cram');
    expect(cram).toHaveLength(3);
    expect(cram.map((l) => l.rating)).toEqual([Rating.Again, Rating.Good, Rating.Good]);

    // Kept out of the optimizer, its counter, rescheduling, limits, streaks and review statistics.
    expect(await allReviewLogs(ctx.db, user)).toHaveLength(logsBefore);
    expect(await countReviewsSince(ctx.db, user, null)).toBe(logsBefore);
    expect((await historiesByItem(ctx.db, user)).get(q.id)).toBeUndefined();
    expect((await countReviews(ctx.db, user, at(9), at(11))).reviews).toBe(0);
    expect(await reviewTimesSince(ctx.db, user, at(9))).toHaveLength(0);
    expect(await reviewLogPoints(ctx.db, user, at(9))).toHaveLength(0);
    // ... and shown apart.
    expect(await cramHistory(ctx.db, user, at(10, 5))).toMatchObject({ answers: 3, recalled: 2, rows: [{ answers: 3, recalled: 2, items: 3 }] });

    // A cram answer cannot be undone as a review (it changed nothing), and does not block undoing the last real review.
    await expect(undoItem(ctx.db, user, cram[0]!.id)).rejects.toThrow(ReviewNotFoundError);
    const lastReal = (await ctx.db.select().from(reviewLogs)).filter((l) => l.itemId === c1!.id && l.source === 'review').at(-1)!;
    await undoItem(ctx.db, user, lastReal.id);
  });

  it('leaves suspended cards out of the session', async () => {
    const user = await ctx.learner();
    const card = library.topics.get('timeout')!.cards[0]!;
    await raw(ctx.db).run(
      "insert into card_states (user_id, item_id, topic_id, kind, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, suspended, created_at, updated_at) values (?, ?, 'timeout', 'card', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0)",
      user,
      card.id,
    );
    const ids = (await cramSession(ctx.db, library, user, { patterns: ['timeout'] }, at(0))).items.map((i) => i.itemId);
    expect(ids).not.toContain(card.id);
  });
});
