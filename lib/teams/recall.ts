import type { FSRS } from 'ts-fsrs';
import { mastery } from '@/lib/progress/mastery';
import type { Card } from '@/lib/srs/scheduler';

/**
 * A member's predicted recall of a pattern at `at`: the mean probability of recalling each of
 * its flashcards then (FSRS retrievability from the member's own card states, with their own
 * parameters through `scheduler`); a card never studied counts as 0. The same figure as a
 * path step's mastery, evaluated at another instant.
 */
export function predictedRecall(scheduler: FSRS, cardIds: readonly string[], cards: ReadonlyMap<string, Card>, at: Date): number {
  return mastery(
    scheduler,
    cardIds.map((id) => cards.get(id) ?? null),
    at,
  );
}

/** Recall now and on the due day (never earlier than now: a passed due date is judged as of today). */
export function recallNowAndDue(scheduler: FSRS, cardIds: readonly string[], cards: ReadonlyMap<string, Card>, now: Date, dueAt: Date) {
  return {
    now: predictedRecall(scheduler, cardIds, cards, now),
    due: predictedRecall(scheduler, cardIds, cards, dueAt.getTime() < now.getTime() ? now : dueAt),
  };
}
