import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Card, ReviewLog } from 'ts-fsrs';
import type { Db } from './client';
import { pullForward, recordReviewIn } from './reviews';
import { quizAnswers, quizAttempts, type QuizAnswerRow, type QuizAttemptRow } from './tables';
import { first, lockLearner, transaction } from './tx';

export class QuizError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
  }
}

export interface Attempt extends Omit<QuizAttemptRow, 'questionIds' | 'optionOrders'> {
  questionIds: string[];
  optionOrders: number[][];
  answers: QuizAnswerRow[];
}

function toAttempt(row: QuizAttemptRow, answers: QuizAnswerRow[]): Attempt {
  return {
    ...row,
    questionIds: JSON.parse(row.questionIds) as string[],
    optionOrders: JSON.parse(row.optionOrders) as number[][],
    answers,
  };
}

export async function createAttempt(
  database: Db,
  input: {
    id: string;
    userId: string;
    kind: 'topic' | 'collection' | 'interview';
    sourceId: string | null;
    questionIds: string[];
    optionOrders: number[][];
    immediateFeedback: boolean;
    now: Date;
    deadlineAt: Date | null;
  },
): Promise<Attempt> {
  const row = (await transaction(database, (tx) => tx
    .insert(quizAttempts)
    .values({
      id: input.id,
      userId: input.userId,
      kind: input.kind,
      sourceId: input.sourceId,
      questionIds: JSON.stringify(input.questionIds),
      optionOrders: JSON.stringify(input.optionOrders),
      immediateFeedback: input.immediateFeedback,
      startedAt: input.now,
      deadlineAt: input.deadlineAt,
      total: input.questionIds.length,
    })
    .returning()))[0]!;
  return toAttempt(row, []);
}

/** The user's attempt (someone else's is "not found"). */
export async function getAttempt(database: Db, userId: string, attemptId: string): Promise<Attempt | null> {
  const row = await first(database
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId))));
  if (!row) return null;
  const answers = await database.select().from(quizAnswers).where(eq(quizAnswers.attemptId, attemptId));
  return toAttempt(row, answers);
}

/** The latest unfinished attempt of this kind and source, to resume instead of starting over. */
export async function findOpenAttempt(database: Db, userId: string, kind: Attempt['kind'], sourceId: string | null): Promise<Attempt | null> {
  const row = await first(database
    .select()
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, userId),
        eq(quizAttempts.kind, kind),
        sourceId === null ? isNull(quizAttempts.sourceId) : eq(quizAttempts.sourceId, sourceId),
        isNull(quizAttempts.finishedAt),
      ),
    )
    .orderBy(desc(quizAttempts.startedAt)));
  return row ? getAttempt(database, userId, row.id) : null;
}

export interface AnswerInput {
  userId: string;
  attemptId: string;
  questionId: string;
  chosenOption: number;
  correct: boolean;
  now: Date;
  reviewLogId: string;
  topicId: string;
  /** How long the learner took to answer. */
  durationMs: number;
  /** The options' content indices in the order the attempt showed them. */
  shownOrder: number[];
  /** Pure scheduling of the question's FSRS review. */
  schedule: (previous: Card | null) => { card: Card; log: ReviewLog };
  /** Flashcards to pull into today's reviews when the answer is wrong. */
  linkedCards: { itemId: string; topicId: string }[];
  newCardState: (now: Date) => Card;
}

/**
 * Records an answer, its FSRS review and (on a miss) the pulled-forward flashcards, all in
 * one transaction. Refuses a question outside the attempt, a second answer, an answer to a
 * finished attempt and an answer after the deadline; each refusal changes nothing.
 */
export async function recordAnswer(database: Db, input: AnswerInput): Promise<{ answer: QuizAnswerRow; pulled: number }> {
  return transaction(database, async (tx) => {
    // Serialised with the learner's other writes, so the same answer racing in on another server sees the first.
    await lockLearner(tx, input.userId);
    const attempt = await first(tx
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.id, input.attemptId), eq(quizAttempts.userId, input.userId))));
    if (!attempt) throw new QuizError('There is no such quiz attempt.', 404);
    if (attempt.finishedAt) throw new QuizError('This quiz is already finished; answers can no longer change.', 409);
    if (attempt.deadlineAt && input.now.getTime() > attempt.deadlineAt.getTime()) {
      throw new QuizError('Time is up for this quiz; the answer was not recorded.', 409);
    }
    if (!(JSON.parse(attempt.questionIds) as string[]).includes(input.questionId)) {
      throw new QuizError('That question is not part of this quiz attempt.', 400);
    }
    const existing = await first(tx
      .select()
      .from(quizAnswers)
      .where(and(eq(quizAnswers.attemptId, input.attemptId), eq(quizAnswers.questionId, input.questionId))));
    if (existing) throw new QuizError('This question was already answered in this attempt.', 409);

    await recordReviewIn(tx, {
      userId: input.userId,
      logId: input.reviewLogId,
      itemId: input.questionId,
      topicId: input.topicId,
      kind: 'question',
      now: input.now,
      durationMs: input.durationMs,
      source: 'quiz',
      shownOrder: input.shownOrder,
      schedule: input.schedule,
    });
    const pulled = input.correct ? 0 : await pullForward(tx, input.userId, input.linkedCards, input.now, input.newCardState);
    const answer = (await tx
      .insert(quizAnswers)
      .values({
        attemptId: input.attemptId,
        questionId: input.questionId,
        chosenOption: input.chosenOption,
        correct: input.correct,
        answeredAt: input.now,
        reviewLogId: input.reviewLogId,
      })
      .returning())[0]!;
    return { answer, pulled };
  });
}

/** Closes the attempt with its score. Finishing twice returns the first result. */
export async function finishAttempt(
  database: Db,
  userId: string,
  attemptId: string,
  now: Date,
  passRatio: number,
): Promise<Attempt> {
  return transaction(database, async (tx) => {
    const row = await first(tx
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId))));
    if (!row) throw new QuizError('There is no such quiz attempt.', 404);
    const answers = await tx.select().from(quizAnswers).where(eq(quizAnswers.attemptId, attemptId));
    if (row.finishedAt) return toAttempt(row, answers);
    const score = answers.filter((a) => a.correct).length;
    const passed = row.total > 0 && score / row.total >= passRatio - 1e-9;
    const finishedAt = row.deadlineAt && now.getTime() > row.deadlineAt.getTime() ? row.deadlineAt : now;
    const [updated] = await tx.update(quizAttempts).set({ finishedAt, score, passed }).where(eq(quizAttempts.id, attemptId)).returning();
    return toAttempt(updated!, answers);
  });
}

export async function listFinishedAttempts(database: Db, userId: string, kind?: Attempt['kind']): Promise<QuizAttemptRow[]> {
  const rows = await database
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), kind ? eq(quizAttempts.kind, kind) : undefined))
    .orderBy(desc(quizAttempts.startedAt));
  return rows.filter((a) => a.finishedAt !== null);
}

/** Per topic or quiz id: the best finished attempt, and whether any passed. */
export async function quizResults(database: Db, userId: string): Promise<Map<string, { best: number; total: number; passed: boolean; at: Date }>> {
  const out = new Map<string, { best: number; total: number; passed: boolean; at: Date }>();
  for (const a of await listFinishedAttempts(database, userId)) {
    if (!a.sourceId || a.score === null) continue;
    const prev = out.get(a.sourceId);
    const ratio = a.score / Math.max(1, a.total);
    if (!prev || ratio > prev.best / Math.max(1, prev.total)) {
      out.set(a.sourceId, { best: a.score, total: a.total, passed: Boolean(a.passed) || Boolean(prev?.passed), at: a.finishedAt! });
    } else if (a.passed) prev.passed = true;
  }
  return out;
}
