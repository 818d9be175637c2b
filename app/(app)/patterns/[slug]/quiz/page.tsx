import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { topicQuizView } from '@/lib/study/quiz-view';
import { QuizLanding } from '@/app/_components/QuizLanding';

export const metadata: Metadata = { title: 'Quiz' };

const params = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });

export default async function TopicQuizPage({ params: p }: { params: Promise<{ slug: string }> }) {
  const raw = await p;
  const user = await requireUser(`/patterns/${raw.slug}/quiz`);
  const parsed = params.safeParse(raw);
  const view = parsed.success ? topicQuizView(`${parsed.data.slug}`, user.id) : null;
  if (!view) notFound();
  return (
    <QuizLanding
      kind="topic"
      sourceId={view.topic.id}
      title={`${view.topic.title}: quiz`}
      backHref={view.topic.href}
      backLabel={view.topic.title}
      description={view.topic.summary}
      questionCount={view.topic.questions.length}
      best={view.best}
      open={view.open}
    />
  );
}
