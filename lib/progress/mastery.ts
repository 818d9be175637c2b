import type { FSRS } from 'ts-fsrs';
import { State, type Card } from '@/lib/srs/scheduler';

/** Probability of recall now; a card never studied (or back to new) counts as 0. */
export function cardRetrievability(scheduler: FSRS, card: Card | null | undefined, now: Date): number {
  if (!card || card.state === State.New || card.reps === 0) return 0;
  return scheduler.get_retrievability(card, now, false);
}

/** A topic's mastery: the mean retrievability of all its cards now, so it decays without reviews. */
export function mastery(scheduler: FSRS, cards: (Card | null | undefined)[], now: Date): number {
  if (cards.length === 0) return 0;
  return cards.reduce((sum, c) => sum + cardRetrievability(scheduler, c, now), 0) / cards.length;
}

export function percent(x: number): number {
  return Math.round(x * 100);
}
