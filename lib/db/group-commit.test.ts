import { sqliteOf } from '@/lib/db/client';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { getCardState, markLessonRead } from '@/lib/db/reviews';
import { DuplicateReviewError } from '@/lib/db/reviews';
import { NotStudyableError, gradeItem, undoItem } from '@/lib/study/review';
import { GroupCommit, groupCommit, WriteBusyError } from './group-commit';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

const file = () => sqliteOf(ctx.db).name;
/** What another connection (another process) sees: only committed rows. */
const committedLogs = () => {
  const other = new Database(file(), { readonly: true });
  try {
    return (other.prepare('select id from review_logs order by id').pluck().all() as string[]);
  } finally {
    other.close();
  }
};
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cards = (topic: string) => library.topics.get(topic)!.cards.map((c) => c.id);
const NOW = new Date('2026-03-02T09:00:00Z');

describe('group commit of grades', () => {
  it('grades of several learners arriving together share one transaction, and each is recorded as if alone', async () => {
    const learners = [await ctx.learner(), await ctx.learner(), await ctx.learner()];
    for (const u of learners) await markLessonRead(ctx.db, u, 'timeout', NOW);
    const g = groupCommit(ctx.db);
    const before = { ...g.stats };
    const results = await Promise.all(
      learners.flatMap((u, i) =>
        cards('timeout')
          .slice(0, 3)
          .map((itemId, j) => gradeItem(ctx.db, library, u, { id: uuid(i * 10 + j), itemId, rating: 3, durationMs: 0 }, NOW)),
      ),
    );
    expect(g.stats.batches - before.batches).toBe(1);
    expect(g.stats.writes - before.writes).toBe(9);
    expect(results.map((r) => r.log.id).sort()).toEqual(committedLogs());
    for (const u of learners) for (const itemId of cards('timeout').slice(0, 3)) expect((await getCardState(ctx.db, u, itemId))?.reps).toBe(1);
  });

  it('a failing grade in a batch rolls back only itself: the others commit, and it gets its own error', async () => {
    const a = await ctx.learner();
    const b = await ctx.learner();
    await markLessonRead(ctx.db, a, 'timeout', NOW);
    await markLessonRead(ctx.db, b, 'timeout', NOW);
    const [first, second] = cards('timeout');
    await gradeItem(ctx.db, library, a, { id: uuid(1), itemId: first!, rating: 3, durationMs: 0 }, NOW);
    const g = groupCommit(ctx.db);
    const batches = g.stats.batches;
    const settled = await Promise.allSettled([
      gradeItem(ctx.db, library, b, { id: uuid(2), itemId: first!, rating: 4, durationMs: 0 }, NOW),
      // A retried submit: same id. Nothing of it may change, and it must not undo its neighbours.
      gradeItem(ctx.db, library, a, { id: uuid(1), itemId: second!, rating: 1, durationMs: 0 }, NOW),
      // A card whose lesson b has not read.
      gradeItem(ctx.db, library, b, { id: uuid(3), itemId: cards('saga')[0]!, rating: 3, durationMs: 0 }, NOW),
      gradeItem(ctx.db, library, a, { id: uuid(4), itemId: second!, rating: 3, durationMs: 0 }, NOW),
    ]);
    expect(g.stats.batches - batches).toBe(1);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateReviewError);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(NotStudyableError);
    expect(committedLogs()).toEqual([uuid(1), uuid(2), uuid(4)]);
    expect((await getCardState(ctx.db, a, second!))?.reps).toBe(1);
    expect(await getCardState(ctx.db, b, cards('saga')[0]!)).toBeUndefined();
  });

  it('a write that fails after changing rows leaves nothing of itself behind', async () => {
    const u = await ctx.learner();
    const g = groupCommit(ctx.db);
    const insert = (id: string) => sqliteOf(ctx.db).prepare("insert into lesson_reads (user_id, topic_id, read_at) values (?, ?, 0)").run(u, id);
    const settled = await Promise.allSettled([
      g.run(() => insert('timeout')),
      g.run(() => {
        insert('saga');
        throw new Error('fails after writing');
      }),
      g.run(() => insert('retry')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sqliteOf(ctx.db).prepare('select topic_id from lesson_reads where user_id = ? order by topic_id').pluck().all(u)).toEqual(['retry', 'timeout']);
  });

  it('answers only after the commit: when the COMMIT fails, every write of the batch is refused and none is kept', async () => {
    const u = await ctx.learner();
    await markLessonRead(ctx.db, u, 'timeout', NOW);
    const g = groupCommit(ctx.db);
    const settled = await Promise.allSettled([
      gradeItem(ctx.db, library, u, { id: uuid(1), itemId: cards('timeout')[0]!, rating: 3, durationMs: 0 }, NOW),
      // A foreign key checked only at COMMIT: its savepoint is released, the commit then fails.
      g.run(() => {
        sqliteOf(ctx.db).pragma('defer_foreign_keys = ON');
        sqliteOf(ctx.db).prepare("insert into lesson_reads (user_id, topic_id, read_at) values ('no-such-user', 'timeout', 0)").run();
      }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(committedLogs()).toEqual([]);
    expect(await getCardState(ctx.db, u, cards('timeout')[0]!)).toBeUndefined();
    // The next batch commits as usual.
    const ok = await gradeItem(ctx.db, library, u, { id: uuid(2), itemId: cards('timeout')[0]!, rating: 3, durationMs: 0 }, NOW);
    expect(committedLogs()).toEqual([ok.log.id]);
  });

  it('a grade and its undo sent together are applied in order, and the undo is exact', async () => {
    const u = await ctx.learner();
    await markLessonRead(ctx.db, u, 'timeout', NOW);
    const itemId = cards('timeout')[0]!;
    await gradeItem(ctx.db, library, u, { id: uuid(1), itemId, rating: 3, durationMs: 0 }, NOW);
    const before = await getCardState(ctx.db, u, itemId);
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    const [, undone] = await Promise.all([
      gradeItem(ctx.db, library, u, { id: uuid(2), itemId, rating: 1, durationMs: 0 }, later),
      undoItem(ctx.db, u, uuid(2)),
    ]);
    expect(undone.itemId).toBe(itemId);
    const after = (await getCardState(ctx.db, u, itemId))!;
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect(committedLogs()).toEqual([uuid(1)]);
  });

  it('waits for the write lock without blocking, batching what arrives meanwhile, and refuses with WriteBusyError past its timeout', async () => {
    const u = await ctx.learner();
    const other = new Database(file());
    other.prepare('BEGIN IMMEDIATE').run();
    const g = new GroupCommit(sqliteOf(ctx.db), { lockTimeoutMs: 300 });
    const insert = (id: string) => () => sqliteOf(ctx.db).prepare("insert into lesson_reads (user_id, topic_id, read_at) values (?, ?, 0)").run(u, id);
    const first = g.run(insert('timeout'));
    // The event loop is free while the lock is held elsewhere.
    const waited = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(Date.now() - waited).toBeLessThan(1000);
    const second = g.run(insert('saga'));
    other.prepare('COMMIT').run();
    await Promise.all([first, second]);
    expect(g.stats.batches).toBe(1);
    expect(g.stats.largest).toBe(2);
    expect(g.stats.lockRetries).toBeGreaterThan(0);

    other.prepare('BEGIN IMMEDIATE').run();
    const refused = g.run(insert('retry'));
    await expect(refused).rejects.toBeInstanceOf(WriteBusyError);
    other.prepare('ROLLBACK').run();
    other.close();
    expect(sqliteOf(ctx.db).prepare('select count(*) from lesson_reads where user_id = ?').pluck().get(u)).toBe(2);
    // The connection's busy timeout is as it was.
    expect(sqliteOf(ctx.db).pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
