import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { findOpenAttempt, quizResults } from '@/lib/db/quiz';
import { QuizLanding } from '@/app/_components/QuizLanding';

export const metadata: Metadata = { title: 'Quiz' };

const params = z.object({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });

export default async function CollectionQuizPage({ params: p }: { params: Promise<{ id: string }> }) {
  const raw = await p;
  const user = await requireUser(`/quiz/${raw.id}`);
  const parsed = params.safeParse(raw);
  const quiz = parsed.success ? getLibrary().collections.find((c) => c.id === parsed.data.id) : undefined;
  if (!quiz) notFound();
  const open = await findOpenAttempt(db(), user.id, 'collection', quiz.id);
  return (
    <QuizLanding
      kind="collection"
      sourceId={quiz.id}
      title={quiz.title}
      backHref="/quiz"
      backLabel="Quizzes"
      description={quiz.description}
      questionCount={quiz.topic.questions.length}
      best={(await quizResults(db(), user.id)).get(quiz.id)}
      open={open ? { answered: open.answers.length, total: open.total } : null}
    />
  );
}
