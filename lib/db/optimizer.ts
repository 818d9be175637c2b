import { and, count, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db } from './client';
import { optimizerRuns, reviewLogs, userSettings, type OptimizerRunRow } from './schema';

export function createRun(database: Db, run: { id: string; userId: string; trigger: 'manual' | 'auto'; now: Date }): OptimizerRunRow {
  return database
    .insert(optimizerRuns)
    .values({ id: run.id, userId: run.userId, trigger: run.trigger, status: 'queued', startedAt: run.now })
    .returning()
    .get();
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
