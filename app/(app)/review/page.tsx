import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { createPreviewer } from '@/lib/srs/preview';
import { pendingItem, reviewItemViews } from '@/lib/study/review-items';
import { FIRST_BATCH } from '@/lib/study/review-view';
import { loadStudyToday } from '@/lib/study/session';
import { nextPathStep } from '@/lib/study/next-step';
import { ReviewSession } from './ReviewSession';

export const metadata: Metadata = { title: 'Review' };

export default async function ReviewPage() {
  const user = await requireUser('/review');
  const library = getLibrary();
  const now = new Date();
  const today = await loadStudyToday(db(), library, user.id, now);
  // The first cards come with the page; the rest by id, fetched as the learner goes.
  const first = today.queue.items.slice(0, FIRST_BATCH);
  const rest = today.queue.items.slice(FIRST_BATCH).filter((q) => library.items.has(q.itemId));
  return (
    <ReviewSession
      initialItems={await reviewItemViews(db(), library, user.id, first, createPreviewer(today.settings, now))}
      pending={rest.map(pendingItem)}
      reviewsToday={today.reviewsToday}
      next={
        await nextPathStep(db(), library, user.id) ?? {
          label: 'Take the Pattern Quiz',
          href: '/quiz/pattern-quiz',
          context: 'Your path is done: see where you stand across the library.',
        }
      }
    />
  );
}
