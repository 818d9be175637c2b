import 'server-only';
import { renderInlineCached, type Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { cardStatesFor, lastShownOrders } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { showingOrder } from '@/lib/quiz/shuffle';
import { createPreviewer, type Previewer } from '@/lib/srs/preview';
import type { QueueItem } from '@/lib/srs/queue';
import { State } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';
import { questionLesson } from './quiz';
import type { PendingItem, ReviewItemView } from './review-view';

/**
 * The review screen's view of queue items: Markdown rendered once per content version, options
 * in this showing's order, and the grade buttons' previews (`preview`, with the learner's settings).
 */
export async function reviewItemViews(database: Db, library: Library, userId: string, items: readonly QueueItem[], preview: Previewer): Promise<ReviewItemView[]> {
  const questionIds = items.filter((q) => library.items.get(q.itemId)?.kind === 'question').map((q) => q.itemId);
  const lastOrders = await lastShownOrders(database, userId, questionIds);
  return items.flatMap((q): ReviewItemView[] => {
    const entry = library.items.get(q.itemId);
    if (!entry) return [];
    // A Pattern Quiz question names the lesson it tests, not "The Pattern Quiz".
    const lesson = questionLesson(library, entry)!;
    const base = {
      itemId: q.itemId,
      topicId: q.topicId,
      tests: q.tests ? [...q.tests] : [],
      topicTitle: lesson.title,
      topicHref: lesson.href,
      card: q.card ? { ...q.card, due: q.card.due.toISOString(), last_review: q.card.last_review?.toISOString() ?? null } : null,
    };
    if (entry.card) {
      return [
        {
          ...base,
          kind: 'card' as const,
          frontHtml: renderInlineCached(`${q.itemId}#front`, entry.card.front),
          backHtml: renderInlineCached(`${q.itemId}#back`, entry.card.back),
          options: [],
          order: [],
          previews: preview('card', q.card),
        },
      ];
    }
    const question = entry.question!;
    return [
      {
        ...base,
        kind: 'question' as const,
        frontHtml: renderInlineCached(`${q.itemId}#prompt`, question.prompt),
        backHtml: '',
        options: question.options.map((o, i) => ({
          html: renderInlineCached(`${q.itemId}#${i}`, o.text),
          whyHtml: renderInlineCached(`${q.itemId}#${i}-why`, o.why),
          correct: Boolean(o.correct),
        })),
        // Deterministic per showing (the card's reps), and never the order of its last showing.
        order: showingOrder(question.options.length, `${q.itemId}:${q.card?.reps ?? 0}`, lastOrders.get(q.itemId) ?? null),
        previews: preview('question', q.card),
      },
    ];
  });
}

/** What an item not sent yet counts as on the screen (new, learning, review). */
export function pendingItem(q: QueueItem): PendingItem {
  const state = q.card?.state ?? State.New;
  return [q.itemId, state === State.New ? 0 : state === State.Review ? 2 : 1];
}

/**
 * The items the screen asks for next, as they are now: the learner's card state (null for a
 * card never studied) with the library's topic and links. Ids not in the library are left out.
 */
export async function queueItemsFor(database: Db, library: Library, userId: string, itemIds: readonly string[]): Promise<QueueItem[]> {
  const known = [...new Set(itemIds)].filter((id) => library.items.has(id));
  const cards = await cardStatesFor(database, userId, known);
  return known.map((itemId) => {
    const entry = library.items.get(itemId)!;
    const tests = entry.question?.cards;
    return { itemId, topicId: entry.topic.id, card: cards.get(itemId) ?? null, ...(tests ? { tests } : {}) };
  });
}

/** The items the screen asks for next (`/api/review/items`), as they are now, with their previews at `now`. */
export async function nextReviewItems(database: Db, library: Library, userId: string, itemIds: readonly string[], now: Date): Promise<ReviewItemView[]> {
  const preview = createPreviewer(toStudySettings(await getSettingsRow(database, userId)), now);
  return reviewItemViews(database, library, userId, await queueItemsFor(database, library, userId, itemIds), preview);
}
