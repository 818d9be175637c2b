import { and, count, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from './client';
import { prepared, rawClient } from './prepared';
import { optimizerRuns, reviewLogs, userSettings, type OptimizerRunRow } from './schema';

export function createRun(database: Db, run: { id: string; userId: string; trigger: 'manual' | 'auto'; now: Date }): OptimizerRunRow {
  return database
    .insert(optimizerRuns)
    .values({ id: run.id, userId: run.userId, trigger: run.trigger, status: 'queued', startedAt: run.now })
    .returning()
    .get();
}

/**
 * Creates a queued run unless the learner already has one queued or running (started after
 * `activeSince`) or has started `dailyCap` manual runs in the last 24 hours. One immediate
 * transaction, so two processes cannot both pass the check.
 */
export function claimRun(
  database: Db,
  run: { id: string; userId: string; trigger: 'manual' | 'auto'; now: Date; activeSince: Date; dailyCap: number },
): { ok: true; run: OptimizerRunRow } | { ok: false; reason: 'busy' | 'daily-cap'; retryAfterSeconds?: number } {
  return database.transaction(
    (tx) => {
      const active = tx
        .select({ id: optimizerRuns.id })
        .from(optimizerRuns)
        .where(and(eq(optimizerRuns.userId, run.userId), inArray(optimizerRuns.status, ['queued', 'running']), gt(optimizerRuns.startedAt, run.activeSince)))
        .get();
      if (active) return { ok: false as const, reason: 'busy' as const };
      if (run.trigger === 'manual') {
        const dayAgo = new Date(run.now.getTime() - 86_400_000);
        const today = tx
          .select({ startedAt: optimizerRuns.startedAt })
          .from(optimizerRuns)
          .where(and(eq(optimizerRuns.userId, run.userId), eq(optimizerRuns.trigger, 'manual'), gt(optimizerRuns.startedAt, dayAgo)))
          .orderBy(optimizerRuns.startedAt)
          .all();
        if (today.length >= run.dailyCap) {
          const frees = today[today.length - run.dailyCap]!.startedAt.getTime() + 86_400_000;
          return { ok: false as const, reason: 'daily-cap' as const, retryAfterSeconds: Math.max(1, Math.ceil((frees - run.now.getTime()) / 1000)) };
        }
      }
      const row = tx
        .insert(optimizerRuns)
        .values({ id: run.id, userId: run.userId, trigger: run.trigger, status: 'queued', startedAt: run.now })
        .returning()
        .get();
      // Reviews count towards the next automatic run from this run's start.
      tx.update(userSettings).set({ reviewsSinceOptimize: 0 }).where(eq(userSettings.userId, run.userId)).run();
      return { ok: true as const, run: row };
    },
    { behavior: 'immediate' },
  );
}

export function updateRun(database: Db, id: string, patch: Partial<Omit<OptimizerRunRow, 'id' | 'userId'>>): void {
  database.update(optimizerRuns).set(patch).where(eq(optimizerRuns.id, id)).run();
}

export function getRun(database: Db, userId: string, id: string): OptimizerRunRow | undefined {
  return database.select().from(optimizerRuns).where(and(eq(optimizerRuns.id, id), eq(optimizerRuns.userId, userId))).get();
}

export function latestRun(database: Db, userId: string): OptimizerRunRow | undefined {
  return database.select().from(optimizerRuns).where(eq(optimizerRuns.userId, userId)).orderBy(desc(optimizerRuns.startedAt)).get();
}

/** The reviews the optimizer learns from: everything but cram answers (they changed no schedule). */
export function allReviewLogs(database: Db, userId: string) {
  return database
    .select({ itemId: reviewLogs.itemId, rating: reviewLogs.rating, review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram')))
    .all();
}

/** When the learner's latest optimizer run started (one indexed read), or null. */
export function latestRunStart(database: Db, userId: string): Date | null {
  const row = prepared(rawClient(database), 'select max(started_at) as t from optimizer_runs where user_id = ?').get(userId) as { t: number | null };
  return row.t === null ? null : new Date(row.t);
}

/** Whether the learner has at least `n` reviews (cram answers aside): reads at most n index entries. */
export function hasReviews(database: Db, userId: string, n: number): boolean {
  const row = prepared(
    rawClient(database),
    "select count(*) as c from (select 1 from review_logs where user_id = ? and source != 'cram' limit ?)",
  ).get(userId, n) as { c: number };
  return row.c >= n;
}

export function countReviewsSince(database: Db, userId: string, since: Date | null): number {
  return (
    database
      .select({ n: count() })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram'), since ? gt(reviewLogs.review, since) : undefined))
      .get()?.n ?? 0
  );
}

export function saveParams(database: Db, userId: string, params: number[] | null): void {
  database
    .update(userSettings)
    .set({ fsrsParams: params ? JSON.stringify(params) : null, updatedAt: new Date() })
    .where(eq(userSettings.userId, userId))
    .run();
}
