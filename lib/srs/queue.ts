import { State, type Card } from './scheduler';

/** A card the learner has started, as the queue sees it. */
export interface StartedItem {
  itemId: string;
  topicId: string;
  card: Card;
  suspended: boolean;
  buriedUntil: Date | null;
}

/** A card the learner may be introduced to, already in path order. */
export interface NewCandidate {
  itemId: string;
  topicId: string;
}

export interface QueueInput {
  now: Date;
  /** End (exclusive) of the learner's current study day. */
  dayEnd: Date;
  started: StartedItem[];
  newCandidates: NewCandidate[];
  newPerDay: number;
  newDoneToday: number;
  maxReviewsPerDay: number;
  reviewsDoneToday: number;
  /** Learning cards due within this window count as due now (Anki's learn-ahead limit). */
  learnAheadMs?: number;
}

export interface QueueItem {
  itemId: string;
  topicId: string;
  /** null for a card the learner has not seen yet. */
  card: Card | null;
}

export interface Queue {
  items: QueueItem[];
  counts: { learning: number; review: number; new: number };
}

export const LEARN_AHEAD_MS = 20 * 60_000;

function isLearning(card: Card): boolean {
  return card.state === State.Learning || card.state === State.Relearning;
}

/**
 * Today's session: learning cards that are due, then review cards due today (up to the
 * daily review limit), then new cards in path order (up to the daily new-card limit).
 */
export function buildQueue(input: QueueInput): Queue {
  const learnAhead = input.learnAheadMs ?? LEARN_AHEAD_MS;
  const available = input.started.filter(
    (s) => !s.suspended && !(s.buriedUntil && s.buriedUntil.getTime() > input.now.getTime()),
  );
  const byDue = (a: StartedItem, b: StartedItem) => a.card.due.getTime() - b.card.due.getTime();

  const learning = available
    .filter((s) => isLearning(s.card) && s.card.due.getTime() <= input.now.getTime() + learnAhead)
    .sort(byDue);
  const reviewRoom = Math.max(0, input.maxReviewsPerDay - input.reviewsDoneToday);
  const review = available
    .filter((s) => s.card.state === State.Review && s.card.due.getTime() < input.dayEnd.getTime())
    .sort(byDue)
    .slice(0, reviewRoom);

  const startedIds = new Set(input.started.map((s) => s.itemId));
  // A started card back in the New state (reset, or never graded) is offered like a new one.
  const resetToNew = available.filter((s) => s.card.state === State.New);
  const newRoom = Math.max(0, input.newPerDay - input.newDoneToday);
  const fresh: QueueItem[] = [
    ...resetToNew.map((s) => ({ itemId: s.itemId, topicId: s.topicId, card: s.card })),
    ...input.newCandidates
      .filter((c) => !startedIds.has(c.itemId))
      .map((c) => ({ itemId: c.itemId, topicId: c.topicId, card: null })),
  ].slice(0, newRoom);

  const toItem = (s: StartedItem): QueueItem => ({ itemId: s.itemId, topicId: s.topicId, card: s.card });
  return {
    items: [...learning.map(toItem), ...review.map(toItem), ...fresh],
    counts: { learning: learning.length, review: review.length, new: fresh.length },
  };
}
