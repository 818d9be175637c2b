import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { createRun, getRun, updateRun } from '@/lib/db/optimizer';
import { DAILY_MANUAL_RUNS, OptimizerBusyError, OptimizerLimitError, settleStaleRun, startOptimizer } from './optimizer-job';

let ctx: ReturnType<typeof freshDb>;
beforeEach(() => {
  ctx = freshDb();
});
afterEach(() => ctx.cleanup());

async function settled(userId: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const run = getRun(ctx.db, userId, id)!;
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('run did not finish');
}

describe('optimizer job', () => {
  it('says how many more reviews are needed below the minimum', async () => {
    const user = ctx.learner();
    const run = await settled(user, startOptimizer(ctx.db, user, 'manual'));
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/You have 0 reviews; the optimizer needs at least 400\. 400 more to go\./);
  });

  it('marks a run left running by a restarted server as interrupted', () => {
    const user = ctx.learner();
    const now = new Date();
    const stale = createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000000f1', userId: user, trigger: 'manual', now: new Date(now.getTime() - 20 * 60_000) });
    expect(settleStaleRun(ctx.db, { ...stale, status: 'running' }, now).status).toBe('failed');
    expect(getRun(ctx.db, user, stale.id)!.message).toMatch(/interrupted/);
    const fresh = createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000000f2', userId: user, trigger: 'manual', now });
    expect(settleStaleRun(ctx.db, fresh, now).status).toBe('queued');
  });

  it('refuses a second run while one is queued or running, even one another process started', async () => {
    const user = ctx.learner();
    const now = new Date();
    // Started by another server process: this one's memory knows nothing of it.
    createRun(ctx.db, { id: '00000000-0000-4000-8000-0000000000f3', userId: user, trigger: 'manual', now: new Date(now.getTime() - 60_000) });
    expect(() => startOptimizer(ctx.db, user, 'manual', now)).toThrow(OptimizerBusyError);
    expect(() => startOptimizer(ctx.db, user, 'auto', now)).toThrow(OptimizerBusyError);
    // Another learner is not held up.
    const other = ctx.learner();
    await settled(other, startOptimizer(ctx.db, other, 'manual', now));
  });

  it('allows at most a few manual runs a day', async () => {
    const user = ctx.learner();
    const now = new Date();
    for (let i = 0; i < DAILY_MANUAL_RUNS; i++) {
      const id = `00000000-0000-4000-8000-00000000010${i}`;
      createRun(ctx.db, { id, userId: user, trigger: 'manual', now: new Date(now.getTime() - (i + 1) * 3_600_000) });
      updateRun(ctx.db, id, { status: 'done' });
    }
    let error: unknown;
    try {
      startOptimizer(ctx.db, user, 'manual', now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptimizerLimitError);
    // The oldest of the five frees up 24 h after it started: 19 h from now.
    expect((error as OptimizerLimitError).retryAfterSeconds).toBe(19 * 3600);
    // A day later the learner may run it again.
    await settled(user, startOptimizer(ctx.db, user, 'manual', new Date(now.getTime() + 86_400_000)));
  });
});
