import { and, count, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from './client';
import { raw } from './prepared';
import { optimizerRuns, reviewLogs, userSettings, type OptimizerRunRow } from './tables';
import { first, lockLearner, transaction } from './tx';

export async function createRun(database: Db, run: { id: string; userId: string; trigger: 'manual' | 'auto'; now: Date }): Promise<OptimizerRunRow> {
  return transaction(database, async (tx) => {
    const [row] = await tx
      .insert(optimizerRuns)
      .values({ id: run.id, userId: run.userId, trigger: run.trigger, status: 'queued', startedAt: run.now })
      .returning();
    return row!;
  });
}

/**
 * Creates a queued run unless the learner already has one queued or running (started after
 * `activeSince`) or has started `dailyCap` manual runs in the last 24 hours. One transaction
 * holding the learner's lock (lockLearner), so two processes or servers cannot both pass the check.
 */
export async function claimRun(
  database: Db,
  run: { id: string; userId: string; trigger: 'manual' | 'auto'; now: Date; activeSince: Date; dailyCap: number },
): Promise<{ ok: true; run: OptimizerRunRow } | { ok: false; reason: 'busy' | 'daily-cap'; retryAfterSeconds?: number }> {
  return transaction(database, async (tx) => {
      // One claim at a time per learner, on every engine and across servers.
      await lockLearner(tx, run.userId);
      const active = await first(tx
        .select({ id: optimizerRuns.id })
        .from(optimizerRuns)
        .where(and(eq(optimizerRuns.userId, run.userId), inArray(optimizerRuns.status, ['queued', 'running']), gt(optimizerRuns.startedAt, run.activeSince))));
      if (active) return { ok: false as const, reason: 'busy' as const };
      if (run.trigger === 'manual') {
        const dayAgo = new Date(run.now.getTime() - 86_400_000);
        const today = await tx
          .select({ startedAt: optimizerRuns.startedAt })
          .from(optimizerRuns)
          .where(and(eq(optimizerRuns.userId, run.userId), eq(optimizerRuns.trigger, 'manual'), gt(optimizerRuns.startedAt, dayAgo)))
          .orderBy(optimizerRuns.startedAt);
        if (today.length >= run.dailyCap) {
          const frees = today[today.length - run.dailyCap]!.startedAt.getTime() + 86_400_000;
          return { ok: false as const, reason: 'daily-cap' as const, retryAfterSeconds: Math.max(1, Math.ceil((frees - run.now.getTime()) / 1000)) };
        }
      }
      const row = (await tx
        .insert(optimizerRuns)
        .values({ id: run.id, userId: run.userId, trigger: run.trigger, status: 'queued', startedAt: run.now })
        .returning())[0]!;
      // Reviews count towards the next automatic run from this run's start.
      await tx.update(userSettings).set({ reviewsSinceOptimize: 0 }).where(eq(userSettings.userId, run.userId));
      return { ok: true as const, run: row! };
    });
}

export async function updateRun(database: Db, id: string, patch: Partial<Omit<OptimizerRunRow, 'id' | 'userId'>>): Promise<void> {
  await transaction(database, (tx) => tx.update(optimizerRuns).set(patch).where(eq(optimizerRuns.id, id)));
}

export async function getRun(database: Db, userId: string, id: string): Promise<OptimizerRunRow | undefined> {
  return await first(database.select().from(optimizerRuns).where(and(eq(optimizerRuns.id, id), eq(optimizerRuns.userId, userId))));
}

export async function latestRun(database: Db, userId: string): Promise<OptimizerRunRow | undefined> {
  return await first(database.select().from(optimizerRuns).where(eq(optimizerRuns.userId, userId)).orderBy(desc(optimizerRuns.startedAt)));
}

/** The reviews the optimizer learns from: everything but cram answers (they changed no schedule). */
export async function allReviewLogs(database: Db, userId: string) {
  return await database
    .select({ itemId: reviewLogs.itemId, rating: reviewLogs.rating, review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram')));
}

/** When the learner's latest optimizer run started (one indexed read), or null. */
export async function latestRunStart(database: Db, userId: string): Promise<Date | null> {
  const row = await raw(database).get<{ t: number | null }>('select max(started_at) as t from optimizer_runs where user_id = ?', userId);
  return row?.t == null ? null : new Date(Number(row.t));
}

/** Whether the learner has at least `n` reviews (cram answers aside): reads at most n index entries. */
export async function hasReviews(database: Db, userId: string, n: number): Promise<boolean> {
  const row = await raw(database).get<{ c: number }>(
    "select count(*) as c from (select 1 from review_logs where user_id = ? and source != 'cram' limit ?) as recent",
    userId,
    n,
  );
  return Number(row?.c ?? 0) >= n;
}

export async function countReviewsSince(database: Db, userId: string, since: Date | null): Promise<number> {
  const row = await first(
    database
      .select({ n: count() })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram'), since ? gt(reviewLogs.review, since) : undefined)),
  );
  return row?.n ?? 0;
}

export async function saveParams(database: Db, userId: string, params: number[] | null): Promise<void> {
  await transaction(database, (tx) =>
    tx
      .update(userSettings)
      .set({ fsrsParams: params ? JSON.stringify(params) : null, updatedAt: new Date() })
      .where(eq(userSettings.userId, userId)),
  );
}
