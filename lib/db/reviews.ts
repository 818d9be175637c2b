import { and, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Card, ReviewLog } from 'ts-fsrs';
import type Database from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import type * as schema from './schema';
import { prepared, rawClient } from './prepared';

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

/** A ts-fsrs card as card_states columns. */
export function cardColumns(card: Card) {
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

/** A ts-fsrs review log as review_logs columns (the inverse of logRowToReviewLog). */
export function logColumns(log: ReviewLog) {
  return {
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

/** Every card state of the learner, in due order (ties in table order), as the (user, due) index gave them before it had a sibling. */
export function listCardStates(database: Db, userId: string): CardStateRow[] {
  // A prepared statement and a plain mapping: drizzle's row mapping was a third of the time
  // for a learner with every card started (the dashboard reads them all).
  const rows = prepared(
    rawClient(database),
    `select user_id, item_id, topic_id, kind, ${CARD_COLUMNS}, suspended, buried_until, reset_at, created_at, updated_at
       from card_states where user_id = ? order by due, rowid`,
  ).all(userId) as (RawCard & { user_id: string; item_id: string; topic_id: string; kind: 'card' | 'question'; suspended: number; buried_until: number | null; reset_at: number | null; created_at: number; updated_at: number })[];
  return rows.map((r) => ({
    userId: r.user_id,
    itemId: r.item_id,
    topicId: r.topic_id,
    kind: r.kind,
    due: new Date(r.due),
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsed_days,
    scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: r.last_review === null ? null : new Date(r.last_review),
    suspended: Boolean(r.suspended),
    buriedUntil: r.buried_until === null ? null : new Date(r.buried_until),
    resetAt: r.reset_at === null ? null : new Date(r.reset_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  }));
}

export function getCardState(database: Db, userId: string, itemId: string): CardStateRow | undefined {
  return database
    .select()
    .from(cardStates)
    .where(and(eq(cardStates.userId, userId), eq(cardStates.itemId, itemId)))
    .get();
}

/** Whether the learner has a state for the item, or has read the lesson it belongs to: what makes it theirs to grade. */
export function isStudyable(database: Db, userId: string, itemId: string, topicId: string): boolean {
  const sqlite = rawClient(database);
  return Boolean(
    prepared(sqlite, 'select 1 from card_states where user_id = ? and item_id = ?').get(userId, itemId) ??
      prepared(sqlite, 'select 1 from lesson_reads where user_id = ? and topic_id = ?').get(userId, topicId),
  );
}

/** A started card as the review queue needs it: ids and FSRS state only. */
export interface QueueRow {
  itemId: string;
  topicId: string;
  card: Card;
}

/**
 * What today's queue can take from card_states, selected by SQLite: learning cards due
 * within the learn-ahead window and cards in the New state (both in due order), then review
 * cards due before the end of the study day, in due order, at most `reviewLimit` (null: all).
 * Suspended and buried cards are left out. Ties in due keep the table's order (rowid), as
 * the queue's stable sort did over every row.
 */
export function queueRows(
  database: Db,
  userId: string,
  at: { now: Date; learnAheadUntil: Date; dayEnd: Date; reviewLimit: number | null },
): { learningAndNew: QueueRow[]; review: QueueRow[]; startedIds: Set<string> } {
  const sqlite = rawClient(database);
  const now = at.now.getTime();
  const available = 'user_id = ? and suspended = 0 and (buried_until is null or buried_until <= ?)';
  const toRow = (r: RawCard & { item_id: string; topic_id: string }): QueueRow => ({ itemId: r.item_id, topicId: r.topic_id, card: rawToCard(r) });
  const learningAndNew = (
    prepared(
      sqlite,
      `select item_id, topic_id, ${CARD_COLUMNS} from card_states
         where ${available} and ((state in (1, 3) and due <= ?) or state = 0) order by due, rowid`,
    ).all(userId, now, at.learnAheadUntil.getTime()) as (RawCard & { item_id: string; topic_id: string })[]
  ).map(toRow);
  const review = (
    prepared(
      sqlite,
      `select item_id, topic_id, ${CARD_COLUMNS} from card_states
         where ${available} and state = 2 and due < ? order by due, rowid limit ?`,
    ).all(userId, now, at.dayEnd.getTime(), at.reviewLimit ?? -1) as (RawCard & { item_id: string; topic_id: string })[]
  ).map(toRow);
  const startedIds = new Set(
    (prepared(sqlite, 'select item_id from card_states where user_id = ?').pluck().all(userId) as string[]),
  );
  return { learningAndNew, review, startedIds };
}

/** The learner's card states for the given items (those never studied are absent). */
export function cardStatesFor(database: Db, userId: string, itemIds: readonly string[]): Map<string, Card> {
  const out = new Map<string, Card>();
  if (itemIds.length === 0) return out;
  const rows = rawClient(database)
    .prepare(`select item_id, ${CARD_COLUMNS} from card_states where user_id = ? and item_id in (${itemIds.map(() => '?').join(', ')})`)
    .all(userId, ...itemIds) as (RawCard & { item_id: string })[];
  for (const r of rows) out.set(r.item_id, rawToCard(r));
  return out;
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
export function recordReview(database: Db, input: RecordReviewInput): { card: Card; log: ReviewLogRow; reviewsSinceOptimize: number } {
  return database.transaction((tx) => recordReviewIn(tx, input));
}

/** The FSRS columns of card_states, as SQLite returns them (timestamps in ms). */
interface RawCard {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}
const CARD_COLUMNS = 'due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review';

function rawToCard(r: RawCard): Card {
  return {
    due: new Date(r.due),
    stability: r.stability,
    difficulty: r.difficulty,
    elapsed_days: r.elapsed_days,
    scheduled_days: r.scheduled_days,
    learning_steps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    last_review: r.last_review === null ? undefined : new Date(r.last_review),
  };
}

const ms = (d: Date | undefined | null) => (d ? d.getTime() : null);

/**
 * recordReview inside the caller's transaction. Its statements are prepared once per
 * connection (lib/db/prepared.ts): this is the hot path of every grade. It also counts the
 * review towards the learner's next automatic optimizer run, and returns that count.
 */
export function recordReviewIn(tx: Executor, input: RecordReviewInput): { card: Card; log: ReviewLogRow; reviewsSinceOptimize: number } {
  const sqlite = rawClient(tx);
  if (prepared(sqlite, 'select 1 from review_logs where id = ?').get(input.logId)) throw new DuplicateReviewError();
  const existing = prepared(sqlite, `select ${CARD_COLUMNS} from card_states where user_id = ? and item_id = ?`).get(input.userId, input.itemId) as
    | RawCard
    | undefined;
  const previous = existing ? rawToCard(existing) : null;
  const { card, log } = input.schedule(previous);
  const now = input.now.getTime();
  const values = [card.due.getTime(), card.stability, card.difficulty, card.elapsed_days, card.scheduled_days, card.learning_steps, card.reps, card.lapses, card.state, ms(card.last_review)];
  if (existing) {
    prepared(
      sqlite,
      `update card_states set due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?, reps = ?,
         lapses = ?, state = ?, last_review = ?, updated_at = ? where user_id = ? and item_id = ?`,
    ).run(...values, now, input.userId, input.itemId);
  } else {
    prepared(
      sqlite,
      `insert into card_states (user_id, item_id, topic_id, kind, ${CARD_COLUMNS}, suspended, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(input.userId, input.itemId, input.topicId, input.kind, ...values, now, now);
  }
  const logRow: ReviewLogRow = {
    id: input.logId,
    userId: input.userId,
    itemId: input.itemId,
    ...logColumns(log),
    prevDue: previous?.due ?? null,
    hadState: Boolean(existing),
    durationMs: input.durationMs,
    source: input.source,
    shownOrder: input.shownOrder ? JSON.stringify(input.shownOrder) : null,
  };
  prepared(
    sqlite,
    `insert into review_logs (id, user_id, item_id, rating, state, log_due, stability, difficulty, elapsed_days, last_elapsed_days,
       scheduled_days, learning_steps, review, prev_due, had_state, duration_ms, source, shown_order)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    logRow.id,
    logRow.userId,
    logRow.itemId,
    logRow.rating,
    logRow.state,
    logRow.logDue.getTime(),
    logRow.stability,
    logRow.difficulty,
    logRow.elapsedDays,
    logRow.lastElapsedDays,
    logRow.scheduledDays,
    logRow.learningSteps,
    logRow.review.getTime(),
    ms(logRow.prevDue),
    logRow.hadState ? 1 : 0,
    logRow.durationMs,
    logRow.source,
    logRow.shownOrder,
  );
  const counted = prepared(
    sqlite,
    'update user_settings set reviews_since_optimize = reviews_since_optimize + 1 where user_id = ? returning reviews_since_optimize as n',
  ).get(input.userId) as { n: number } | undefined;
  return { card, log: logRow, reviewsSinceOptimize: counted?.n ?? 0 };
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
    // The review no longer counts towards the next automatic optimizer run.
    prepared(rawClient(tx), 'update user_settings set reviews_since_optimize = max(0, reviews_since_optimize - 1) where user_id = ?').run(input.userId);
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
 * The same load counted by SQLite: review-state cards (suspended ones excluded) due from
 * `from` on, per whole day after `from` (day 0 is [from, from + 24 h)). One row per day
 * instead of one per card.
 */
export function reviewDueCountsByOffset(database: Db | Executor, userId: string, from: Date): { offset: number; n: number }[] {
  return prepared(
    rawClient(database),
    `select (due - cast(? as integer)) / 86400000 as offset, count(*) as n from card_states
       where user_id = ? and state = 2 and suspended = 0 and due >= ? group by offset`,
  ).all(from.getTime(), userId, from.getTime()) as { offset: number; n: number }[];
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
        ...logColumns(log),
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
  const times = prepared(
    rawClient(database),
    "select review from review_logs where user_id = ? and source != 'cram' and review >= ? order by review desc",
  )
    .pluck()
    .all(userId, since.getTime()) as number[];
  return times.map((t) => new Date(t));
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
