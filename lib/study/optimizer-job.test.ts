import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { createRun, getRun, updateRun } from '@/lib/db/optimizer';
import { eq } from 'drizzle-orm';
import path from 'node:path';
import { readLibrary } from '@/lib/content/load';
import { markLessonRead } from '@/lib/db/reviews';
import { optimizerRuns, userSettings } from '@/lib/db/tables';
import { getSettingsRow } from '@/lib/db/settings';
import { AUTO_EVERY_DAYS, AUTO_EVERY_REVIEWS, DAILY_MANUAL_RUNS, maybeAutoOptimize, OptimizerBusyError, OptimizerLimitError, settleStaleRun, startOptimizer } from './optimizer-job';
import { gradeItem, undoItem } from './review';

const { library } = readLibrary(path.resolve('content'));

let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

async function settled(userId: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const run = (await getRun(ctx.db, userId, id))!;
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('run did not finish');
}

describe('optimizer job', () => {
  it('says how many more reviews are needed below the minimum', async () => {
    const user = await ctx.learner();
    const run = await settled(user, await startOptimizer(ctx.db, user, 'manual'));
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/You have 0 reviews; the optimizer needs at least 400\. 400 more to go\./);
  });

  it('marks a run left running by a restarted server as interrupted', async () => {
    const user = await ctx.learner();
    const now = new Date();
    const stale = await createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000000f1', userId: user, trigger: 'manual', now: new Date(now.getTime() - 20 * 60_000) });
    expect((await settleStaleRun(ctx.db, { ...stale, status: 'running' }, now)).status).toBe('failed');
    expect((await getRun(ctx.db, user, stale.id))!.message).toMatch(/interrupted/);
    const fresh = await createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000000f2', userId: user, trigger: 'manual', now });
    expect((await settleStaleRun(ctx.db, fresh, now)).status).toBe('queued');
  });

  it('refuses a second run while one is queued or running, even one another process started', async () => {
    const user = await ctx.learner();
    const now = new Date();
    // Started by another server process: this one's memory knows nothing of it.
    await createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000000f3', userId: user, trigger: 'manual', now: new Date(now.getTime() - 60_000) });
    await expect(startOptimizer(ctx.db, user, 'manual', now)).rejects.toThrow(OptimizerBusyError);
    await expect(startOptimizer(ctx.db, user, 'auto', now)).rejects.toThrow(OptimizerBusyError);
    // Another learner is not held up.
    const other = await ctx.learner();
    await settled(other, await startOptimizer(ctx.db, other, 'manual', now));
  });

  it('allows at most a few manual runs a day', async () => {
    const user = await ctx.learner();
    const now = new Date();
    for (let i = 0; i < DAILY_MANUAL_RUNS; i++) {
      const id = `00000000-0000-4000-8000-00000000010${i}`;
      await createRun(ctx.db, { id, userId: user, trigger: 'manual', now: new Date(now.getTime() - (i + 1) * 3_600_000) });
      await updateRun(ctx.db, id, { status: 'done' });
    }
    let error: unknown;
    try {
      await startOptimizer(ctx.db, user, 'manual', now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptimizerLimitError);
    // The oldest of the five frees up 24 h after it started: 19 h from now.
    expect((error as OptimizerLimitError).retryAfterSeconds).toBe(19 * 3600);
    // A day later the learner may run it again.
    await settled(user, await startOptimizer(ctx.db, user, 'manual', new Date(now.getTime() + 86_400_000)));
  });
});

describe('the automatic run check is a counter, not a count of the log', () => {
  const counter = async (user: string) => (await getSettingsRow(ctx.db, user)).reviewsSinceOptimize;
  const setCounter = async (user: string, n: number) =>
    await ctx.db.update(userSettings).set({ reviewsSinceOptimize: n }).where(eq(userSettings.userId, user));
  const runs = async (user: string) => await ctx.db.select().from(optimizerRuns).where(eq(optimizerRuns.userId, user));

  it('each grade adds one in its transaction, undo takes it back, a claimed run resets it', async () => {
    const user = await ctx.learner();
    const now = new Date('2026-04-01T10:00:00Z');
    await markLessonRead(ctx.db, user, 'timeout', now);
    const cards = library.topics.get('timeout')!.cards.map((c) => c.id);
    const results = [];
    for (const [i, itemId] of cards.slice(0, 3).entries()) {
      results.push(await gradeItem(ctx.db, library, user, { id: `00000000-0000-4000-8000-0000000002${i}0`, itemId, rating: 3, durationMs: 0 }, now));
    }
    expect(results.map((r) => r.reviewsSinceOptimize)).toEqual([1, 2, 3]);
    expect(await counter(user)).toBe(3);
    // A retried grade is refused and counts nothing.
    await expect(gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000200', itemId: cards[0]!, rating: 3, durationMs: 0 }, now)).rejects.toThrow();
    expect(await counter(user)).toBe(3);
    await undoItem(ctx.db, user, '00000000-0000-4000-8000-000000000220');
    expect(await counter(user)).toBe(2);
    await settled(user, await startOptimizer(ctx.db, user, 'manual', now));
    expect(await counter(user)).toBe(0);
  });

  it(`starts a run after ${AUTO_EVERY_REVIEWS} new reviews, not before, and not when the learner turned it off`, async () => {
    const user = await ctx.learner();
    await setCounter(user, AUTO_EVERY_REVIEWS - 1);
    await maybeAutoOptimize(ctx.db, user);
    expect(await runs(user)).toHaveLength(0);
    await setCounter(user, AUTO_EVERY_REVIEWS);
    await ctx.db.update(userSettings).set({ autoOptimize: false }).where(eq(userSettings.userId, user));
    await maybeAutoOptimize(ctx.db, user);
    expect(await runs(user)).toHaveLength(0);
    await ctx.db.update(userSettings).set({ autoOptimize: true }).where(eq(userSettings.userId, user));
    await maybeAutoOptimize(ctx.db, user);
    const [run] = await runs(user);
    expect(run?.trigger).toBe('auto');
    expect(await counter(user)).toBe(0);
    await settled(user, run!.id);
  });

  it('starts a monthly run only with a review since the last one and enough history', async () => {
    const user = await ctx.learner();
    const now = new Date();
    const old = await createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000003f1', userId: user, trigger: 'auto', now: new Date(now.getTime() - (AUTO_EVERY_DAYS + 1) * 86_400_000) });
    await updateRun(ctx.db, old.id, { status: 'done' });
    await setCounter(user, 5);
    // Fewer than the optimizer's minimum reviews in the log: nothing to fit.
    await maybeAutoOptimize(ctx.db, user, now);
    expect(await runs(user)).toHaveLength(1);
    await setCounter(user, 0);
    await maybeAutoOptimize(ctx.db, user, now);
    expect(await runs(user)).toHaveLength(1);
  });

  it('a run another process claimed first is not an error for the grade that found it due', async () => {
    const user = await ctx.learner();
    await createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000003f2', userId: user, trigger: 'manual', now: new Date() });
    await setCounter(user, AUTO_EVERY_REVIEWS);
    await maybeAutoOptimize(ctx.db, user);
    expect(await runs(user)).toHaveLength(1);
  });
});
