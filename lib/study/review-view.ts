import type { GradePreviews } from '@/lib/srs/grades';
import type { Card } from '@/lib/srs/scheduler';

/** What the review screen gets per item; the types are shared by the page, its route and the client. */
export type SerializedCard = Omit<Card, 'due' | 'last_review'> & { due: string; last_review: string | null };

export interface ReviewItemView {
  itemId: string;
  /** With `tests` (the cards a question tests): siblings are not shown back to back. */
  topicId: string;
  tests: string[];
  kind: 'card' | 'question';
  topicTitle: string;
  topicHref: string;
  frontHtml: string;
  backHtml: string;
  /** Quiz questions: options in content order. */
  options: { html: string; whyHtml: string; correct: boolean }[];
  /** Quiz questions: the content indices in the order to show them this time (never the last showing's order). */
  order: number[];
  card: SerializedCard | null;
  /** What each grade gives, computed by the server when it sent the item (the browser does not load the scheduler). */
  previews: GradePreviews;
}

/** What the counts need of an item not sent yet: 0 new, 1 learning or relearning, 2 review. */
export type PendingKind = 0 | 1 | 2;
/** An item of today's queue that the page did not send: its id and what it counts as. */
export type PendingItem = [itemId: string, kind: PendingKind];

/** Items the page sends with the HTML; the rest come from /api/review/items as the learner goes. */
export const FIRST_BATCH = 20;
/** Items per request to /api/review/items (and the most one request may ask for). */
export const NEXT_BATCH = 40;
