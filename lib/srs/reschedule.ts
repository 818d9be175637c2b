import { get_fuzz_range, type FSRS } from 'ts-fsrs';
import type { Workload } from './balance';
import { gradeCard, isGrade, newCard, State, unfuzzed, type Card } from './scheduler';

export interface HistoryEntry {
  rating: number;
  review: Date;
}

/**
 * Replays a card's review history with the scheduler: from a new card at its first review,
 * each logged rating at its logged time. Nothing is invented; manual entries are skipped.
 */
export function replayHistory(scheduler: FSRS, history: HistoryEntry[], lastWorkload?: (review: Date) => Workload | null): Card | null {
  let card: Card | null = null;
  const graded = [...history].filter((h) => isGrade(h.rating)).sort((a, b) => a.review.getTime() - b.review.getTime());
  graded.forEach((h, i) => {
    // Only the last review's day choice is still in the future; the memory state does not depend on the others.
    const workload = i === graded.length - 1 && lastWorkload ? lastWorkload(h.review) : null;
    card = gradeCard(scheduler, card ?? newCard(h.review), h.review, h.rating as 1 | 2 | 3 | 4, workload).card;
  });
  return card;
}

/**
 * Whether a card replayed from `history` may keep `due`: its memory state is what the replay
 * gives, it is a review card, and `due` lies in the fuzz range of its unfuzzed interval from the
 * last review (so load balancing, not an old setting, chose that day).
 */
export function keepsDueDay(scheduler: FSRS, history: HistoryEntry[], stored: Pick<Card, 'stability' | 'difficulty' | 'state'>, due: Date): boolean {
  const plain = replayHistory(unfuzzed(scheduler), history);
  if (!plain || plain.state !== State.Review || !plain.last_review) return false;
  if (plain.stability !== stored.stability || plain.difficulty !== stored.difficulty || stored.state !== State.Review) return false;
  const days = (due.getTime() - plain.last_review.getTime()) / 86_400_000;
  if (!Number.isInteger(days)) return false;
  const max = scheduler.parameters.maximum_interval;
  if (!scheduler.parameters.enable_fuzz || plain.scheduled_days < 2.5) return days === Math.min(plain.scheduled_days, max);
  const { min_ivl, max_ivl } = get_fuzz_range(plain.scheduled_days, plain.elapsed_days, max);
  return days >= min_ivl && days <= max_ivl;
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
