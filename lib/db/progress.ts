import { and, eq, gte, ne } from 'drizzle-orm';
import type { Db } from './client';
import { pathEnrollments, reviewLogs, userSettings } from './schema';

export function enrollInPath(database: Db, userId: string, pathId: string, now: Date): void {
  database.insert(pathEnrollments).values({ userId, pathId, startedAt: now }).onConflictDoNothing().run();
}

export function listEnrollments(database: Db, userId: string): { pathId: string; startedAt: Date }[] {
  return database
    .select({ pathId: pathEnrollments.pathId, startedAt: pathEnrollments.startedAt })
    .from(pathEnrollments)
    .where(eq(pathEnrollments.userId, userId))
    .all();
}

/** The review log since `since`, as the statistics need it (the range is filtered in SQL); cram answers are counted apart. */
export function reviewLogPoints(database: Db, userId: string, since: Date) {
  return database
    .select({
      review: reviewLogs.review,
      rating: reviewLogs.rating,
      state: reviewLogs.state,
      scheduledDays: reviewLogs.scheduledDays,
      durationMs: reviewLogs.durationMs,
    })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram'), gte(reviewLogs.review, since)))
    .all();
}

/** Cram answers since `since`: practice outside the schedule, shown apart from reviews. */
export function cramLogPoints(database: Db, userId: string, since: Date) {
  return database
    .select({ review: reviewLogs.review, rating: reviewLogs.rating, itemId: reviewLogs.itemId })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.source, 'cram'), gte(reviewLogs.review, since)))
    .all();
}

export function setTarget(database: Db, userId: string, target: { date: string; pathId: string } | null): void {
  database
    .update(userSettings)
    .set({ targetDate: target?.date ?? null, targetPath: target?.pathId ?? null, updatedAt: new Date() })
    .where(eq(userSettings.userId, userId))
    .run();
}

export function setNewPerDay(database: Db, userId: string, newPerDay: number): void {
  database.update(userSettings).set({ newPerDay, updatedAt: new Date() }).where(eq(userSettings.userId, userId)).run();
}
