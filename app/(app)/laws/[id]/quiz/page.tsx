import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { topicQuizView } from '@/lib/study/quiz-view';
import { QuizLanding } from '@/app/_components/QuizLanding';

export const metadata: Metadata = { title: 'Quiz' };

const params = z.object({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });

export default async function TopicQuizPage({ params: p }: { params: Promise<{ id: string }> }) {
  const raw = await p;
  const user = await requireUser(`/laws/${raw.id}/quiz`);
  const parsed = params.safeParse(raw);
  const view = parsed.success ? topicQuizView(`laws/${parsed.data.id}`, user.id) : null;
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
