import { studyDayKeyer, type DayConfig } from '@/lib/srs/day';

export interface LogForTraining {
  itemId: string;
  rating: number;
  review: Date;
}

export interface TrainingItem {
  /** [rating, days since the previous review] for each review so far, the first with 0. */
  reviews: [number, number][];
}

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * Turns a review log into FSRS training items the way fsrs-rs expects: per card, reviews in
 * time order, elapsed time in whole study days (the learner's day boundary), and one item per
 * review after the first, carrying the history before it.
 */
export function trainingItems(logs: LogForTraining[], day: DayConfig): TrainingItem[] {
  const byCard = new Map<string, LogForTraining[]>();
  for (const l of logs) {
    if (l.rating < 1 || l.rating > 4) continue;
    const list = byCard.get(l.itemId) ?? [];
    list.push(l);
    byCard.set(l.itemId, list);
  }
  const items: TrainingItem[] = [];
  const dayOf = studyDayKeyer(day);
  for (const list of byCard.values()) {
    list.sort((a, b) => a.review.getTime() - b.review.getTime());
    const reviews: [number, number][] = [];
    let prevDay: number | null = null;
    for (const l of list) {
      const d = dayNumber(dayOf(l.review));
      reviews.push([l.rating, prevDay === null ? 0 : d - prevDay]);
      prevDay = d;
      if (reviews.length >= 2) items.push({ reviews: reviews.slice() });
    }
  }
  return items;
}

/**
 * Items whose review being predicted came a day or more after the one before: fsrs-rs
 * evaluates only these (a same-day review as the target is refused, and an item with no
 * long-term review at all aborts the process), so we train and evaluate on the same set.
 */
export function hasLongTermReview(item: TrainingItem): boolean {
  return item.reviews.length >= 2 && item.reviews.at(-1)![1] > 0;
}

