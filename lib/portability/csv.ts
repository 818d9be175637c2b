import { createHash } from 'node:crypto';

/**
 * The review log in the columns the FSRS tools read (fsrs-rs, the FSRS optimizer and
 * benchmark): card_id, review_time (ms), review_rating (1-4), review_state (0 new,
 * 1 learning, 2 review, 3 relearning: the state before the review), review_duration (ms).
 * card_id must be an integer, so each item id maps to a stable 48-bit number; item_id is
 * kept beside it for people.
 */

export interface CsvReview {
  itemId: string;
  review: Date;
  rating: number;
  state: number;
  durationMs: number;
}

export function csvCardId(itemId: string): number {
  return parseInt(createHash('sha256').update(itemId).digest('hex').slice(0, 12), 16);
}

export function reviewLogCsv(reviews: CsvReview[]): string {
  const rows = [...reviews]
    .sort((a, b) => a.review.getTime() - b.review.getTime() || a.itemId.localeCompare(b.itemId))
    .map((r) => [csvCardId(r.itemId), r.review.getTime(), r.rating, r.state, r.durationMs, r.itemId].join(','));
  return ['card_id,review_time,review_rating,review_state,review_duration,item_id', ...rows].join('\n') + '\n';
}
