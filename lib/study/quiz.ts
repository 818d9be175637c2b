import 'server-only';
import type { Library, TopicQuestion } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import type { Db } from '@/lib/db/client';
import { createAttempt, finishAttempt, findOpenAttempt, getAttempt, QuizError, recordAnswer, type Attempt } from '@/lib/db/quiz';
import { listLessonReads } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { isCorrect, PASS_RATIO, planAttempt, ratingForAnswer } from '@/lib/quiz/grade';
import { studyDayBounds } from '@/lib/srs/day';
import { createScheduler, gradeQuestion, newCard, questionSchedulerSettings } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';

export { QuizError };

export const INTERVIEW_SIZES = [10, 20, 30] as const;
export const INTERVIEW_SECONDS = [45, 60, 90, 120] as const;
/** Network slack after an interview's deadline before answers are refused. */
const DEADLINE_GRACE_MS = 3_000;

function question(library: Library, id: string): TopicQuestion {
  const q = library.items.get(id)?.question;
  if (!q) throw new QuizError('This quiz refers to a question that no longer exists.', 409);
  return q;
}

/** The pass mark of an attempt: a collection's own, otherwise 80%. */
export function passRatioFor(library: Library, attempt: Pick<Attempt, 'kind' | 'sourceId'>): number {
  if (attempt.kind === 'collection') return library.collections.find((c) => c.id === attempt.sourceId)?.pass ?? PASS_RATIO;
  return PASS_RATIO;
}

/** Resumes the open attempt for a topic's or collection's quiz, or starts a new one. */
export async function startQuiz(database: Db, library: Library, userId: string, kind: 'topic' | 'collection', sourceId: string, now: Date): Promise<Attempt> {
  const open = await findOpenAttempt(database, userId, kind, sourceId);
  if (open) return open;
  const questions =
    kind === 'topic'
      ? library.topics.get(sourceId)?.questions
      : library.collections.find((c) => c.id === sourceId)?.topic.questions;
  if (!questions?.length) throw new QuizError('There is no quiz with that id.', 404);
  const id = crypto.randomUUID();
  const plan = planAttempt(
    questions.map((q) => ({ id: q.id, options: q.options.map((o) => ({ correct: Boolean(o.correct) })) })),
    id,
  );
  return createAttempt(database, { id, userId, kind, sourceId, ...plan, immediateFeedback: true, now, deadlineAt: null });
}

/** Scenario questions an interview draws from: from lessons the learner has read, or the whole library. */
export async function interviewPool(database: Db, library: Library, userId: string, source: 'studied' | 'all'): Promise<TopicQuestion[]> {
  const read = new Set((await listLessonReads(database, userId)).map((r) => r.topicId));
  return [...library.items.values()]
    .filter((i) => i.kind === 'question' && i.question!.scenario && i.topic.kind !== 'quiz')
    .filter((i) => source === 'all' || read.has(i.topic.id))
    .map((i) => i.question!);
}

export async function startInterview(
  database: Db,
  library: Library,
  userId: string,
  options: { count: number; secondsPerQuestion: number; source: 'studied' | 'all' },
  now: Date,
): Promise<Attempt> {
  const pool = await interviewPool(database, library, userId, options.source);
  if (pool.length < options.count) {
    throw new QuizError(
      options.source === 'studied'
        ? `You have studied ${pool.length} scenario questions so far; read more lessons or draw from the whole library.`
        : `The library has only ${pool.length} scenario questions.`,
      409,
    );
  }
  const id = crypto.randomUUID();
  const plan = planAttempt(
    pool.map((q) => ({ id: q.id, options: q.options.map((o) => ({ correct: Boolean(o.correct) })) })),
    id,
    options.count,
  );
  const deadlineAt = new Date(now.getTime() + options.count * options.secondsPerQuestion * 1000);
  return createAttempt(database, { id, userId, kind: 'interview', sourceId: null, ...plan, immediateFeedback: false, now, deadlineAt });
}

export interface AnswerResult {
  questionId: string;
  correct: boolean | null;
  /** Shown positions; null when the attempt hides feedback until the end. */
  correctPosition: number | null;
  whysHtml: string[] | null;
  pulledCards: number;
}

/** Answers one question of an attempt by its shown position. */
export async function answerQuestion(
  database: Db,
  library: Library,
  userId: string,
  input: { attemptId: string; questionId: string; position: number; durationMs?: number },
  now: Date,
): Promise<AnswerResult> {
  // Read the attempt for the option order; recordAnswer re-checks everything inside its transaction.
  const attempt = await findAttemptOrThrow(database, userId, input.attemptId);
  const index = attempt.questionIds.indexOf(input.questionId);
  if (index < 0) throw new QuizError('That question is not part of this quiz attempt.', 400);
  const order = attempt.optionOrders[index]!;
  if (!Number.isInteger(input.position) || input.position < 0 || input.position >= order.length) {
    throw new QuizError(`Choose an option from 0 to ${order.length - 1}.`, 400);
  }
  const q = question(library, input.questionId);
  const chosen = order[input.position]!;
  const correct = isCorrect({ id: q.id, options: q.options.map((o) => ({ correct: Boolean(o.correct) })) }, chosen);
  const settings = toStudySettings(await getSettingsRow(database, userId));
  const scheduler = createScheduler(questionSchedulerSettings(settings.scheduler));
  const nextDay = studyDayBounds(now, settings.day).end;
  const deadline = attempt.deadlineAt ? new Date(attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS) : null;
  const { pulled } = await recordAnswer(database, {
    userId,
    attemptId: attempt.id,
    questionId: q.id,
    chosenOption: chosen,
    correct,
    // Within the grace period an answer counts as given at the deadline.
    now: deadline && now > attempt.deadlineAt! && now <= deadline ? attempt.deadlineAt! : now,
    reviewLogId: crypto.randomUUID(),
    topicId: library.items.get(q.id)!.topic.id,
    durationMs: input.durationMs ?? 0,
    shownOrder: order,
    schedule: (prev) => gradeQuestion(scheduler, prev, now, ratingForAnswer(correct), nextDay),
    linkedCards: q.cards
      .filter((c) => library.items.get(c)?.kind === 'card')
      .map((c) => ({ itemId: c, topicId: library.items.get(c)!.topic.id })),
    newCardState: newCard,
  });
  if (!attempt.immediateFeedback) return { questionId: q.id, correct: null, correctPosition: null, whysHtml: null, pulledCards: 0 };
  return {
    questionId: q.id,
    correct,
    correctPosition: order.findIndex((i) => q.options[i]?.correct),
    whysHtml: order.map((i) => renderInline(q.options[i]!.why)),
    pulledCards: pulled,
  };
}

export async function findAttemptOrThrow(database: Db, userId: string, attemptId: string): Promise<Attempt> {
  const attempt = await getAttempt(database, userId, attemptId);
  if (!attempt) throw new QuizError('There is no such quiz attempt.', 404);
  return attempt;
}

export async function finishQuiz(database: Db, library: Library, userId: string, attemptId: string, now: Date): Promise<Attempt> {
  const attempt = await findAttemptOrThrow(database, userId, attemptId);
  return finishAttempt(database, userId, attemptId, now, passRatioFor(library, attempt));
}

/** A timed attempt whose time ran out is finished on the next look, even if the browser closed. */
export async function settleExpired(database: Db, library: Library, attempt: Attempt, now: Date): Promise<Attempt> {
  if (!attempt.finishedAt && attempt.deadlineAt && now.getTime() > attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS) {
    return finishAttempt(database, attempt.userId, attempt.id, now, passRatioFor(library, attempt));
  }
  return attempt;
}

/** How an attempt is named in its page and in the history. */
export function attemptTitle(library: Library, a: Pick<Attempt, 'kind' | 'sourceId' | 'total'>): string {
  if (a.kind === 'interview' && a.sourceId === 'selector') return `Selector practice · ${a.total} questions`;
  if (a.kind === 'interview') return `Interview mock · ${a.total} questions`;
  if (a.kind === 'collection') return library.collections.find((c) => c.id === a.sourceId)?.title ?? 'Quiz';
  return `${library.topics.get(a.sourceId ?? '')?.title ?? 'Pattern'} quiz`;
}

/**
 * The lesson behind a question, for links from quiz screens: a cross-pattern quiz's question
 * (the Pattern Quiz, an interview drawn from it) links to the first pattern it names, not
 * to the quiz; any other question to its own lesson, law, pillar, drill or combination.
 */
export function questionLesson(
  library: Library,
  entry: { topic: { title: string; href: string; kind: string }; question?: TopicQuestion } | undefined,
): { title: string; href: string } | null {
  if (!entry) return null;
  if (entry.topic.kind === 'quiz') {
    for (const slug of entry.question?.patterns ?? []) {
      const t = library.topics.get(slug);
      if (t) return { title: t.title, href: t.href };
    }
  }
  return { title: entry.topic.title, href: entry.topic.href };
}
