import 'server-only';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { findOpenAttempt, quizResults } from '@/lib/db/quiz';

/** What a topic quiz's landing page needs for one learner, or null for an unknown topic. */
export async function topicQuizView(topicId: string, userId: string) {
  const topic = getLibrary().topics.get(topicId);
  if (!topic || topic.questions.length === 0) return null;
  const open = await findOpenAttempt(db(), userId, 'topic', topic.id);
  return {
    topic,
    best: (await quizResults(db(), userId)).get(topic.id),
    open: open ? { answered: open.answers.length, total: open.total } : null,
  };
}
