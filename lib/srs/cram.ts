import type { FSRS } from 'ts-fsrs';
import { spreadSiblings, type SiblingKey } from './queue';
import { newCard, State, type Card, type Grade, type ReviewLog } from './scheduler';

/**
 * Cramming: practice over chosen patterns before an interview, outside the schedule. It
 * never changes a card's FSRS state; its answers are logged with source `cram`, kept out of
 * the optimizer, the daily limits and the review statistics.
 */

export interface CramCandidate extends SiblingKey {
  /** null for an item the learner has never studied. */
  card: Card | null;
}

/** Recall probability now; 0 for an item never studied (nothing to recall yet). */
export function retrievabilityNow(scheduler: FSRS, card: Card | null, now: Date): number {
  if (!card || card.state === State.New) return 0;
  return scheduler.get_retrievability(card, now, false);
}

/**
 * The cram session's order: weakest first (lowest retrievability now; never-studied items
 * count as 0), ties by id so the order is stable, then siblings kept apart.
 */
export function cramOrder<T extends CramCandidate>(scheduler: FSRS, items: readonly T[], now: Date): (T & { retrievability: number })[] {
  const scored = items.map((i) => ({ ...i, retrievability: retrievabilityNow(scheduler, i.card, now) }));
  scored.sort((a, b) => a.retrievability - b.retrievability || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return spreadSiblings(scored);
}

const DAY_MS = 86_400_000;

/**
 * The log row of a cram answer: the card's memory state as it is (before and after are the
 * same, since cramming changes nothing), the rating, and the time.
 */
export function cramLog(card: Card | null, now: Date, rating: Grade): ReviewLog {
  const c = card ?? newCard(now);
  const elapsed = c.last_review ? Math.max(0, Math.floor((now.getTime() - c.last_review.getTime()) / DAY_MS)) : 0;
  return {
    rating,
    state: c.state,
    due: c.last_review ?? c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: elapsed,
    last_elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    review: now,
  };
}
