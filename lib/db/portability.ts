import { asc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { insertionOrder, reviewLogs } from './tables';

/** The learner's review log, oldest first, with what the exports need. */
export async function reviewLogsForExport(database: Db, userId: string) {
  return await database
    .select({
      itemId: reviewLogs.itemId,
      review: reviewLogs.review,
      rating: reviewLogs.rating,
      state: reviewLogs.state,
      durationMs: reviewLogs.durationMs,
    })
    .from(reviewLogs)
    .where(eq(reviewLogs.userId, userId))
    .orderBy(asc(reviewLogs.review), insertionOrder);
}
