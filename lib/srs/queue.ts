// Plain values (not ts-fsrs's): the review screen uses this module in the browser.
import { State } from './grades';
import type { Card } from './scheduler';

/** A card the learner has started, as the queue sees it. */
export interface StartedItem {
  itemId: string;
  topicId: string;
  card: Card;
  suspended: boolean;
  buriedUntil: Date | null;
  /** Quiz questions: the flashcards they test. */
  tests?: readonly string[];
}

/** A card the learner may be introduced to, already in path order. */
export interface NewCandidate {
  itemId: string;
  topicId: string;
  tests?: readonly string[];
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
  /**
   * Every item the learner has started, when `started` holds only what may be due today (the
   * database selected it): new candidates among them are not offered again. Default: the
   * ids in `started`.
   */
  startedIds?: ReadonlySet<string>;
  /** False when only the counts are wanted (the dashboard): siblings are not spread apart. */
  order?: boolean;
}

export interface QueueItem {
  itemId: string;
  topicId: string;
  /** null for a card the learner has not seen yet. */
  card: Card | null;
  tests?: readonly string[];
}

export interface Queue {
  items: QueueItem[];
  counts: { learning: number; review: number; new: number };
}

export const LEARN_AHEAD_MS = 20 * 60_000;

function isLearning(card: Card): boolean {
  return card.state === State.Learning || card.state === State.Relearning;
}

/** What sibling ordering needs of an item. */
export interface SiblingKey {
  itemId: string;
  topicId: string;
  tests?: readonly string[];
}

/**
 * Siblings: two items of the same pattern (its flashcards and its questions), or a question
 * and a card it tests (which may belong to another pattern).
 */
export function areSiblings(a: SiblingKey, b: SiblingKey): boolean {
  return a.topicId === b.topicId || Boolean(a.tests?.includes(b.itemId)) || Boolean(b.tests?.includes(a.itemId));
}

/**
 * Spreads `fresh` evenly through `due`, keeping the order of each: new cards are mixed
 * into the day's reviews instead of coming as one block at the end.
 */
export function interleave<T>(due: readonly T[], fresh: readonly T[]): T[] {
  const out: T[] = [];
  const total = due.length + fresh.length;
  let d = 0;
  let f = 0;
  for (let i = 0; i < total; i++) {
    // The k-th new card goes at position floor((k + 1) * total / (fresh + 1)).
    const freshTurn = f < fresh.length && i >= Math.floor(((f + 1) * total) / (fresh.length + 1));
    if (f < fresh.length && (freshTurn || d >= due.length)) out.push(fresh[f++]!);
    else out.push(due[d++]!);
  }
  return out;
}

/**
 * Orders `items` so that no two siblings follow each other while anything else is left, and
 * otherwise keeps their order: at each step the first item that is not a sibling of the one
 * before it. When one pattern holds more than half of what is left, its next item goes first
 * (if it may), so that the end of the session is not one pattern's block. `previous` is the
 * item shown just before (a session in progress).
 */
export function spreadSiblings<T extends SiblingKey>(items: readonly T[], previous: SiblingKey | null = null): T[] {
  const rest = [...items];
  const out: T[] = [];
  let last = previous;
  // Items left per pattern, kept as items are taken (not recounted each step: a session of
  // 1,000 due cards made that quadratic). Only a strict majority matters, and there is at most one.
  const byTopic = new Map<string, number>();
  for (const x of rest) byTopic.set(x.topicId, (byTopic.get(x.topicId) ?? 0) + 1);
  while (rest.length) {
    const free = (x: T) => !last || !areSiblings(last, x);
    let bigTopic: string | null = null;
    for (const [topic, count] of byTopic) {
      if (count * 2 > rest.length) {
        bigTopic = topic;
        break;
      }
    }
    let i = bigTopic !== null ? rest.findIndex((x) => x.topicId === bigTopic && free(x)) : -1;
    if (i < 0) i = rest.findIndex(free);
    if (i < 0) i = 0;
    const [next] = rest.splice(i, 1);
    const left = byTopic.get(next!.topicId)! - 1;
    if (left === 0) byTopic.delete(next!.topicId);
    else byTopic.set(next!.topicId, left);
    out.push(next!);
    last = next!;
  }
  return out;
}

/**
 * Today's session: learning cards that are due, then review cards due today (up to the
 * daily review limit) with new cards in path order (up to the daily new-card limit) mixed
 * in among them; siblings are kept apart (spreadSiblings).
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

  const startedIds = input.startedIds ?? new Set(input.started.map((s) => s.itemId));
  // A started card back in the New state (reset, or never graded) is offered like a new one.
  const resetToNew = available.filter((s) => s.card.state === State.New);
  const newRoom = Math.max(0, input.newPerDay - input.newDoneToday);
  const fresh: QueueItem[] = [
    ...resetToNew.map((s) => ({ itemId: s.itemId, topicId: s.topicId, card: s.card, ...(s.tests ? { tests: s.tests } : {}) })),
    ...input.newCandidates
      .filter((c) => !startedIds.has(c.itemId))
      .map((c) => ({ itemId: c.itemId, topicId: c.topicId, card: null, ...(c.tests ? { tests: c.tests } : {}) })),
  ].slice(0, newRoom);

  const toItem = (s: StartedItem): QueueItem => ({ itemId: s.itemId, topicId: s.topicId, card: s.card, ...(s.tests ? { tests: s.tests } : {}) });
  const items = [...learning.map(toItem), ...interleave(review.map(toItem), fresh)];
  return {
    items: input.order === false ? items : spreadSiblings(items),
    counts: { learning: learning.length, review: review.length, new: fresh.length },
  };
}
