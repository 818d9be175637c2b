import type { FSRS } from 'ts-fsrs';
import { gradeCard, isGrade, newCard, type Card } from './scheduler';

export interface HistoryEntry {
  rating: number;
  review: Date;
}

/**
 * Replays a card's review history with the scheduler: from a new card at its first review,
 * each logged rating at its logged time. Nothing is invented; manual entries are skipped.
 */
export function replayHistory(scheduler: FSRS, history: HistoryEntry[]): Card | null {
  let card: Card | null = null;
  for (const h of [...history].sort((a, b) => a.review.getTime() - b.review.getTime())) {
    if (!isGrade(h.rating)) continue;
    card = gradeCard(scheduler, card ?? newCard(h.review), h.review, h.rating).card;
  }
  return card;
}

/**
 * Expected reviews per day that one card costs over its first `horizonDays`, answering Good
 * every time it is due: the basis of the workload estimate for a desired retention.
 */
export function reviewsPerCardPerDay(scheduler: FSRS, start: Date, horizonDays = 365): number {
  const end = start.getTime() + horizonDays * 86_400_000;
  let card: Card | null = null;
  let t = start;
  let reviews = 0;
  while (t.getTime() < end && reviews < 1000) {
    card = gradeCard(scheduler, card, t, 3).card;
    reviews += 1;
    t = card.due;
  }
  return reviews / horizonDays;
}
