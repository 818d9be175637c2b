import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { lastShownOrders } from '@/lib/db/reviews';
import { showingOrder } from '@/lib/quiz/shuffle';
import { loadStudyToday } from '@/lib/study/session';
import { ReviewSession, type ReviewItemView } from './ReviewSession';

export const metadata: Metadata = { title: 'Review' };

export default async function ReviewPage() {
  const user = await requireUser('/review');
  const library = getLibrary();
  const now = new Date();
  const today = loadStudyToday(db(), library, user.id, now);
  const questionIds = today.queue.items.filter((q) => library.items.get(q.itemId)?.kind === 'question').map((q) => q.itemId);
  const lastOrders = lastShownOrders(db(), user.id, questionIds);

  const items: ReviewItemView[] = today.queue.items.flatMap((q): ReviewItemView[] => {
    const entry = library.items.get(q.itemId);
    if (!entry) return [];
    const base = {
      itemId: q.itemId,
      topicId: q.topicId,
      tests: q.tests ? [...q.tests] : [],
      topicTitle: entry.topic.title,
      topicHref: entry.topic.href,
      card: q.card ? { ...q.card, due: q.card.due.toISOString(), last_review: q.card.last_review?.toISOString() ?? null } : null,
    };
    if (entry.card) {
      return [{ ...base, kind: 'card' as const, frontHtml: renderInline(entry.card.front), backHtml: renderInline(entry.card.back), options: [], order: [] }];
    }
    const question = entry.question!;
    return [
      {
        ...base,
        kind: 'question' as const,
        frontHtml: renderInline(question.prompt),
        backHtml: '',
        options: question.options.map((o) => ({ html: renderInline(o.text), whyHtml: renderInline(o.why), correct: Boolean(o.correct) })),
        // Deterministic per showing (the card's reps), and never the order of its last showing.
        order: showingOrder(question.options.length, `${q.itemId}:${q.card?.reps ?? 0}`, lastOrders.get(q.itemId) ?? null),
      },
    ];
  });

  return (
    <ReviewSession
      initialItems={items}
      settings={today.settings.scheduler}
      reviewsToday={today.reviewsToday}
    />
  );
}
