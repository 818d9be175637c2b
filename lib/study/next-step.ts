import 'server-only';
import type { Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { listEnrollments } from '@/lib/db/progress';
import { quizResults } from '@/lib/db/quiz';
import { listLessonReads } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { nextStepFrom, pathSteps } from '@/lib/progress/steps';

export interface NextStepLink {
  /** "Read Retry with Backoff", "Take the Timeout quiz". */
  label: string;
  href: string;
  /** "Step 4 of the Beginner path". */
  context: string;
}

/**
 * The next step of the learner's current path (the path most recently started, else the
 * interview target's, else beginner: the same choice as the dashboard's Continue), seen
 * from the lesson `fromSlug` when given. Reads only the reads, quiz results and
 * enrollments, so the review page can afford it.
 */
export async function nextPathStep(database: Db, library: Library, userId: string, fromSlug?: string): Promise<NextStepLink | null> {
  const enrollments = (await listEnrollments(database, userId)).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const targetPath = (await getSettingsRow(database, userId)).targetPath;
  const path =
    library.paths.find((p) => p.id === enrollments[0]?.pathId) ??
    library.paths.find((p) => p.id === targetPath) ??
    library.paths.find((p) => p.id === 'beginner') ??
    library.paths[0];
  if (!path) return null;
  const reads = new Set((await listLessonReads(database, userId)).map((r) => r.topicId));
  const quizzes = await quizResults(database, userId);
  const all = pathSteps(path);
  const steps = all
    .map((s) => ({ ...s, topic: library.topics.get(s.slug) }))
    .filter((s) => s.topic !== undefined)
    .map((s) => ({
      ...s,
      read: reads.has(s.topic!.id),
      hasQuiz: s.topic!.questions.length > 0,
      quizPassed: quizzes.get(s.topic!.id)?.passed ?? false,
    }));
  const next = nextStepFrom(steps, fromSlug);
  if (!next) return null;
  const { step, todo } = next;
  const topic = step.topic!;
  return {
    label: todo === 'read' ? `Read ${topic.title}` : `Take the ${topic.title} quiz`,
    href: todo === 'read' ? `${topic.href}${step.anchor ? `#${step.anchor}` : ''}` : `${topic.href}/quiz`,
    context: `Step ${step.index + 1} of ${all.length} on the ${path.title} path`,
  };
}
