import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { loadStudyToday } from '@/lib/study/session';
import { ReviewSession, type ReviewItemView } from './ReviewSession';

export const metadata: Metadata = { title: 'Review' };

export default async function ReviewPage() {
  const user = await requireUser('/review');
  const library = getLibrary();
  const now = new Date();
  const today = loadStudyToday(db(), library, user.id, now);

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
      return [{ ...base, kind: 'card' as const, frontHtml: renderInline(entry.card.front), backHtml: renderInline(entry.card.back), options: [] }];
    }
    const question = entry.question!;
    return [
      {
        ...base,
        kind: 'question' as const,
        frontHtml: renderInline(question.prompt),
        backHtml: '',
        options: question.options.map((o) => ({ html: renderInline(o.text), whyHtml: renderInline(o.why), correct: Boolean(o.correct) })),
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
