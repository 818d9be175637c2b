import { and, eq, gte } from 'drizzle-orm';
import type { Db } from './client';
import { raw } from './prepared';
import { pathEnrollments, reviewLogs, userSettings } from './tables';
import { transaction } from './tx';

export async function enrollInPath(database: Db, userId: string, pathId: string, now: Date): Promise<void> {
  await transaction(database, (tx) => tx.insert(pathEnrollments).values({ userId, pathId, startedAt: now }).onConflictDoNothing());
}

export async function listEnrollments(database: Db, userId: string): Promise<{ pathId: string; startedAt: Date }[]> {
  return await database
    .select({ pathId: pathEnrollments.pathId, startedAt: pathEnrollments.startedAt })
    .from(pathEnrollments)
    .where(eq(pathEnrollments.userId, userId));
}

/** The review log since `since`, as the statistics need it (the range is filtered in SQL); cram answers are counted apart. */
export async function reviewLogPoints(database: Db, userId: string, since: Date) {
  const rows = await raw(database).all<{ review: number; rating: number; state: number; scheduled_days: number; duration_ms: number }>(
    "select review, rating, state, scheduled_days, duration_ms from review_logs where user_id = ? and source != 'cram' and review >= ?",
    userId,
    since.getTime(),
  );
  return rows.map((r) => ({ review: new Date(r.review), rating: r.rating, state: r.state, scheduledDays: r.scheduled_days, durationMs: r.duration_ms }));
}

/**
 * Every time zone's offset is a whole number of quarter hours and a study day starts on the
 * hour, so no quarter hour straddles two study days: reviews counted per quarter hour by
 * SQLite are bucketed into days exactly, one row per quarter hour studied instead of one per review.
 */
export const QUARTER_HOUR_MS = 900_000;

/** Reviews (cram answers apart) since `since` per quarter hour: its start, the count and the time spent, oldest first. */
export async function reviewQuarterHours(database: Db, userId: string, since: Date): Promise<{ start: Date; count: number; ms: number }[]> {
  // In review order from the (user, review) index, summed here: SQLite's GROUP BY on the
  // quotient would sort them again in a temporary B-tree (twice the time).
  const rows = await raw(database).all<{ review: number; duration_ms: number }>(
    "select review, duration_ms from review_logs where user_id = ? and source != 'cram' and review >= ? order by review",
    userId,
    since.getTime(),
  );
  const out: { start: Date; count: number; ms: number }[] = [];
  let q = NaN;
  let bucket: { start: Date; count: number; ms: number } | null = null;
  for (const { review, duration_ms: ms } of rows) {
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
 * Quarter hours with a review (cram answers apart) before `before`, newest first, read a page
 * at a time: a streak stops reading at its first gap.
 */
export async function* reviewQuarterHoursDesc(database: Db, userId: string, before: Date, pageSize = 500): AsyncGenerator<number> {
  let until = before.getTime();
  for (;;) {
    const page = await raw(database).all<{ review: number }>(
      "select review from review_logs where user_id = ? and source != 'cram' and review < ? order by review desc limit ?",
      userId,
      until,
      pageSize,
    );
    let last = NaN;
    for (const { review } of page) {
      const q = Math.floor(Number(review) / QUARTER_HOUR_MS);
      if (q !== last) yield q;
      last = q;
    }
    if (page.length < pageSize) return;
    // The next page starts below this page's last quarter hour, which was yielded already.
    until = last * QUARTER_HOUR_MS;
  }
}

/**
 * True retention counted by SQLite, as lib/progress/stats.ts's trueRetention counts it: reviews
 * since `since` of cards in the review state (2), young (interval under 21 days) and mature,
 * and how many of them were not rated Again (1).
 */
export async function retentionCounts(database: Db, userId: string, since: Date) {
  const r = (await raw(database).get<{ young_total: number; young_passed: number; mature_total: number; mature_passed: number }>(
    `select count(case when scheduled_days < 21 then 1 end) as young_total,
            count(case when scheduled_days < 21 and rating != 1 then 1 end) as young_passed,
            count(case when scheduled_days >= 21 then 1 end) as mature_total,
            count(case when scheduled_days >= 21 and rating != 1 then 1 end) as mature_passed
       from review_logs where user_id = ? and source != 'cram' and review >= ? and state = 2`,
    userId,
    since.getTime(),
  ))!;
  return {
    young: { passed: Number(r.young_passed), total: Number(r.young_total) },
    mature: { passed: Number(r.mature_passed), total: Number(r.mature_total) },
  };
}

/** Cram answers since `since`: practice outside the schedule, shown apart from reviews. */
export async function cramLogPoints(database: Db, userId: string, since: Date) {
  return await database
    .select({ review: reviewLogs.review, rating: reviewLogs.rating, itemId: reviewLogs.itemId })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.source, 'cram'), gte(reviewLogs.review, since)));
}

export async function setTarget(database: Db, userId: string, target: { date: string; pathId: string } | null): Promise<void> {
  await transaction(database, (tx) => tx
    .update(userSettings)
    .set({ targetDate: target?.date ?? null, targetPath: target?.pathId ?? null, updatedAt: new Date() })
    .where(eq(userSettings.userId, userId)));
}

export async function setNewPerDay(database: Db, userId: string, newPerDay: number): Promise<void> {
  await transaction(database, (tx) => tx.update(userSettings).set({ newPerDay, updatedAt: new Date() }).where(eq(userSettings.userId, userId)));
}
