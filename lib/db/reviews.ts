import { and, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Card, ReviewLog } from 'ts-fsrs';
import type Database from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import type * as schema from './schema';

/** The database or a transaction on it: queries that must join a caller's transaction take this. */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;
import { cardStates, lessonReads, reviewLogs, type CardStateRow, type ReviewLogRow } from './schema';

export class DuplicateReviewError extends Error {
  constructor() {
    super('This review was already recorded.');
  }
}
export class ReviewNotFoundError extends Error {
  constructor() {
    super('There is no such review to undo.');
  }
}
export class NotLatestReviewError extends Error {
  constructor() {
    super('Only the most recent review of a card can be undone.');
  }
}

export function rowToCard(row: CardStateRow): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    last_review: row.lastReview ?? undefined,
  };
}

function cardColumns(card: Card) {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

export function logRowToReviewLog(row: ReviewLogRow): ReviewLog {
  return {
    rating: row.rating,
    state: row.state,
    due: row.logDue,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    last_elapsed_days: row.lastElapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    review: row.review,
  };
}

export function listCardStates(database: Db, userId: string): CardStateRow[] {
  return database.select().from(cardStates).where(eq(cardStates.userId, userId)).all();
}

export function getCardState(database: Db, userId: string, itemId: string): CardStateRow | undefined {
  return database
    .select()
    .from(cardStates)
    .where(and(eq(cardStates.userId, userId), eq(cardStates.itemId, itemId)))
    .get();
}

export interface RecordReviewInput {
  userId: string;
  logId: string;
  itemId: string;
  topicId: string;
  kind: 'card' | 'question';
  now: Date;
  durationMs: number;
  source: 'review' | 'quiz';
  /** Quiz questions: the options' content indices in the order shown. */
  shownOrder?: number[] | null;
  /** Pure scheduling: the card before (null if never studied) to the card after and its log. */
  schedule: (previous: Card | null) => { card: Card; log: ReviewLog };
}

/**
 * Records one review: the new card state and the log row in one transaction. A log id that
 * already exists raises DuplicateReviewError and changes nothing (a retried submit).
 */
export function recordReview(database: Db, input: RecordReviewInput): { card: Card; log: ReviewLogRow } {
  return database.transaction((tx) => recordReviewIn(tx, input));
}

/** recordReview inside the caller's transaction. */
export function recordReviewIn(tx: Executor, input: RecordReviewInput): { card: Card; log: ReviewLogRow } {
  {
    if (tx.select({ id: reviewLogs.id }).from(reviewLogs).where(eq(reviewLogs.id, input.logId)).get()) {
      throw new DuplicateReviewError();
    }
    const existing = tx
      .select()
      .from(cardStates)
      .where(and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, input.itemId)))
      .get();
    const previous = existing ? rowToCard(existing) : null;
    const { card, log } = input.schedule(previous);
    if (existing) {
      tx.update(cardStates)
        .set({ ...cardColumns(card), updatedAt: input.now })
        .where(and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, input.itemId)))
        .run();
    } else {
      tx.insert(cardStates)
        .values({
          userId: input.userId,
          itemId: input.itemId,
          topicId: input.topicId,
          kind: input.kind,
          ...cardColumns(card),
          createdAt: input.now,
          updatedAt: input.now,
        })
        .run();
    }
    const logRow = tx
      .insert(reviewLogs)
      .values({
        id: input.logId,
        userId: input.userId,
        itemId: input.itemId,
        rating: log.rating,
        state: log.state,
        logDue: log.due,
        stability: log.stability,
        difficulty: log.difficulty,
        elapsedDays: log.elapsed_days,
        lastElapsedDays: log.last_elapsed_days,
        scheduledDays: log.scheduled_days,
        learningSteps: log.learning_steps,
        review: log.review,
        prevDue: previous?.due ?? null,
        hadState: Boolean(existing),
        durationMs: input.durationMs,
        source: input.source,
        shownOrder: input.shownOrder ? JSON.stringify(input.shownOrder) : null,
      })
      .returning()
      .get();
    return { card, log: logRow };
  }
}

/**
 * Moves cards into today's reviews without inventing a review: a started card becomes due
 * now; a card never studied gets a new-card state that is due now, so it is introduced first.
 * Suspended cards stay suspended.
 */
export function pullForward(
  tx: Executor,
  userId: string,
  cards: { itemId: string; topicId: string }[],
  now: Date,
  newCardState: (now: Date) => Card,
): number {
  let moved = 0;
  for (const c of cards) {
    const where = and(eq(cardStates.userId, userId), eq(cardStates.itemId, c.itemId));
    const existing = tx.select().from(cardStates).where(where).get();
    if (!existing) {
      tx.insert(cardStates)
        .values({ userId, itemId: c.itemId, topicId: c.topicId, kind: 'card', ...cardColumns(newCardState(now)), createdAt: now, updatedAt: now })
        .run();
      moved += 1;
    } else if (!existing.suspended && existing.due.getTime() > now.getTime()) {
      tx.update(cardStates).set({ due: now, buriedUntil: null, updatedAt: now }).where(where).run();
      moved += 1;
    }
  }
  return moved;
}

/**
 * Undoes a review: restores the card state from before it and deletes the log row, in one
 * transaction. Only the most recent review of a card can be undone.
 */
export function undoReview(
  database: Db,
  input: {
    userId: string;
    logId: string;
    restore: (current: Card, log: ReviewLog, previousDue: Date) => Card;
  },
): { itemId: string; card: Card | null } {
  return database.transaction((tx) => {
    const log = tx
      .select()
      .from(reviewLogs)
      .where(and(eq(reviewLogs.id, input.logId), eq(reviewLogs.userId, input.userId)))
      .get();
    // A cram answer changed no card state: undoing it only removes it from the log.
    if (!log || log.source === 'cram') throw new ReviewNotFoundError();
    const latest = tx
      .select({ id: reviewLogs.id })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, input.userId), eq(reviewLogs.itemId, log.itemId), ne(reviewLogs.source, 'cram')))
      .orderBy(desc(reviewLogs.review), desc(sql`rowid`))
      .limit(1)
      .get();
    if (latest?.id !== log.id) throw new NotLatestReviewError();
    const where = and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, log.itemId));
    const current = tx.select().from(cardStates).where(where).get();
    let restored: Card | null = null;
    if (!log.hadState || !current) {
      tx.delete(cardStates).where(where).run();
    } else {
      restored = input.restore(rowToCard(current), logRowToReviewLog(log), log.prevDue ?? log.review);
      tx.update(cardStates)
        .set({ ...cardColumns(restored), updatedAt: new Date() })
        .where(where)
        .run();
    }
    tx.delete(reviewLogs).where(eq(reviewLogs.id, log.id)).run();
    return { itemId: log.itemId, card: restored };
  });
}

/** Due times of the learner's review-state cards due from `from` on (suspended ones excluded): the load to balance. */
export function reviewDueTimes(database: Db | Executor, userId: string, from: Date): Date[] {
  return database
    .select({ due: cardStates.due })
    .from(cardStates)
    .where(and(eq(cardStates.userId, userId), eq(cardStates.state, 2), eq(cardStates.suspended, false), gte(cardStates.due, from)))
    .all()
    .map((r) => r.due);
}

/**
 * Records a cram answer: one log row with source `cram` carrying the card's state as it is
 * (nothing in card_states changes). A log id that already exists raises DuplicateReviewError.
 */
export function recordCramAnswer(
  database: Db,
  input: { userId: string; logId: string; itemId: string; now: Date; durationMs: number; log: (current: Card | null) => ReviewLog },
): ReviewLogRow {
  return database.transaction((tx) => {
    if (tx.select({ id: reviewLogs.id }).from(reviewLogs).where(eq(reviewLogs.id, input.logId)).get()) throw new DuplicateReviewError();
    const existing = tx
      .select()
      .from(cardStates)
      .where(and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, input.itemId)))
      .get();
    const log = input.log(existing ? rowToCard(existing) : null);
    return tx
      .insert(reviewLogs)
      .values({
        id: input.logId,
        userId: input.userId,
        itemId: input.itemId,
        rating: log.rating,
        state: log.state,
        logDue: log.due,
        stability: log.stability,
        difficulty: log.difficulty,
        elapsedDays: log.elapsed_days,
        lastElapsedDays: log.last_elapsed_days,
        scheduledDays: log.scheduled_days,
        learningSteps: log.learning_steps,
        review: log.review,
        prevDue: existing?.due ?? null,
        hadState: Boolean(existing),
        durationMs: input.durationMs,
        source: 'cram',
      })
      .returning()
      .get();
  });
}

/**
 * Study in [start, end): reviews done in /review, how many of them introduced a new card, and
 * quiz answers (counted apart: a quiz answer is not a flashcard review).
 */
export function countReviews(
  database: Db,
  userId: string,
  start: Date,
  end: Date,
): { reviews: number; introduced: number; quizAnswers: number } {
  const row = database
    .select({
      reviews: sql<number>`coalesce(sum(case when ${reviewLogs.source} = 'review' then 1 else 0 end), 0)`,
      introduced: sql<number>`coalesce(sum(case when ${reviewLogs.state} = 0 and ${reviewLogs.source} = 'review' then 1 else 0 end), 0)`,
      quizAnswers: sql<number>`coalesce(sum(case when ${reviewLogs.source} = 'quiz' then 1 else 0 end), 0)`,
    })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram'), gte(reviewLogs.review, start), lt(reviewLogs.review, end)))
    .get();
  return { reviews: row?.reviews ?? 0, introduced: row?.introduced ?? 0, quizAnswers: row?.quizAnswers ?? 0 };
}

/** Review times since `since`, newest first (streaks and calendars are computed from them; cram answers are apart). */
export function reviewTimesSince(database: Db, userId: string, since: Date): Date[] {
  return database
    .select({ review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram'), gte(reviewLogs.review, since)))
    .orderBy(desc(reviewLogs.review))
    .all()
    .map((r) => r.review);
}

export function markLessonRead(database: Db, userId: string, topicId: string, now: Date): void {
  database.insert(lessonReads).values({ userId, topicId, readAt: now }).onConflictDoNothing().run();
}

export function listLessonReads(database: Db, userId: string): { topicId: string; readAt: Date }[] {
  return database
    .select({ topicId: lessonReads.topicId, readAt: lessonReads.readAt })
    .from(lessonReads)
    .where(eq(lessonReads.userId, userId))
    .all();
}

/** The option order each question was last shown in (content indices), for the questions given. */
export function lastShownOrders(database: Db, userId: string, itemIds: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (itemIds.length === 0) return out;
  const rows = database
    .select({ itemId: reviewLogs.itemId, shownOrder: reviewLogs.shownOrder, review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), inArray(reviewLogs.itemId, itemIds)))
    .orderBy(reviewLogs.review, sql`rowid`)
    .all();
  for (const r of rows) {
    if (!r.shownOrder) continue;
    try {
      const order = JSON.parse(r.shownOrder) as unknown;
      if (Array.isArray(order) && order.every((x) => Number.isInteger(x))) out.set(r.itemId, order as number[]);
    } catch {
      // A damaged order only means the next showing may repeat it.
    }
  }
  return out;
}
