import { and, eq, gte } from 'drizzle-orm';
import type { Db } from './client';
import { prepared, rawClient } from './prepared';
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
  const rows = prepared(
    rawClient(database),
    "select review, rating, state, scheduled_days, duration_ms from review_logs where user_id = ? and source != 'cram' and review >= ?",
  ).all(userId, since.getTime()) as { review: number; rating: number; state: number; scheduled_days: number; duration_ms: number }[];
  return rows.map((r) => ({ review: new Date(r.review), rating: r.rating, state: r.state, scheduledDays: r.scheduled_days, durationMs: r.duration_ms }));
}

/**
 * Every time zone's offset is a whole number of quarter hours and a study day starts on the
 * hour, so no quarter hour straddles two study days: reviews counted per quarter hour by
 * SQLite are bucketed into days exactly, one row per quarter hour studied instead of one per review.
 */
export const QUARTER_HOUR_MS = 900_000;

/** Reviews (cram answers apart) since `since` per quarter hour: its start, the count and the time spent, oldest first. */
export function reviewQuarterHours(database: Db, userId: string, since: Date): { start: Date; count: number; ms: number }[] {
  // Rows as arrays, in review order from the (user, review) index, summed here: SQLite's GROUP BY
  // on the quotient would sort them again in a temporary B-tree (twice the time).
  const rows = prepared(
    rawClient(database),
    "select review, duration_ms from review_logs where user_id = ? and source != 'cram' and review >= ? order by review",
  )
    .raw(true)
    .all(userId, since.getTime()) as [number, number][];
  const out: { start: Date; count: number; ms: number }[] = [];
  let q = NaN;
  let bucket: { start: Date; count: number; ms: number } | null = null;
  for (const [review, ms] of rows) {
    const k = Math.floor(review / QUARTER_HOUR_MS);
    if (k !== q || !bucket) {
      q = k;
      bucket = { start: new Date(k * QUARTER_HOUR_MS), count: 0, ms: 0 };
      out.push(bucket);
    }
    bucket.count += 1;
    bucket.ms += ms;
  }
  return out;
}

/**
 * Quarter hours with a review (cram answers apart) before `before`, newest first, as a lazy
 * iterator: a streak stops reading at its first gap.
 */
export function reviewQuarterHoursDesc(database: Db, userId: string, before: Date): IterableIterator<number> {
  return prepared(
    rawClient(database),
    `select distinct review / ${QUARTER_HOUR_MS} as q from review_logs
       where user_id = ? and source != 'cram' and review < ? order by q desc`,
  )
    .pluck()
    .iterate(userId, before.getTime()) as IterableIterator<number>;
}

/**
 * True retention counted by SQLite, as lib/progress/stats.ts's trueRetention counts it: reviews
 * since `since` of cards in the review state (2), young (interval under 21 days) and mature,
 * and how many of them were not rated Again (1).
 */
export function retentionCounts(database: Db, userId: string, since: Date) {
  const r = prepared(
    rawClient(database),
    `select coalesce(sum(scheduled_days < 21), 0) as youngTotal, coalesce(sum(scheduled_days < 21 and rating != 1), 0) as youngPassed,
            coalesce(sum(scheduled_days >= 21), 0) as matureTotal, coalesce(sum(scheduled_days >= 21 and rating != 1), 0) as maturePassed
       from review_logs where user_id = ? and source != 'cram' and review >= ? and state = 2`,
  ).get(userId, since.getTime()) as { youngTotal: number; youngPassed: number; matureTotal: number; maturePassed: number };
  return { young: { passed: r.youngPassed, total: r.youngTotal }, mature: { passed: r.maturePassed, total: r.matureTotal } };
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
