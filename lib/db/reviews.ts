import { and, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Card, ReviewLog } from 'ts-fsrs';
import type { Db } from './client';
import { raw } from './prepared';

/** The database or a transaction on it: queries that must join a caller's transaction take this. */
export type Executor = Db;
import { cardStates, insertionOrder, lessonReads, reviewLogs, type CardStateRow, type ReviewLogRow } from './tables';
import { first, isUniqueViolation, lockLearner, transaction } from './tx';

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
export async function listCardStates(database: Db, userId: string): Promise<CardStateRow[]> {
  // Plain SQL and a plain mapping: drizzle's row mapping was a third of the time for a
  // learner with every card started (the dashboard reads them all).
  const rows = await raw(database).all<
    RawCard & { user_id: string; item_id: string; topic_id: string; kind: 'card' | 'question'; suspended: number; buried_until: number | null; reset_at: number | null; created_at: number; updated_at: number }
  >(
    `select user_id, item_id, topic_id, kind, ${CARD_COLUMNS}, suspended, buried_until, reset_at, created_at, updated_at
       from card_states where user_id = ? order by due, rowid`,
    userId,
  );
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

export async function getCardState(database: Db, userId: string, itemId: string): Promise<CardStateRow | undefined> {
  return await first(database
    .select()
    .from(cardStates)
    .where(and(eq(cardStates.userId, userId), eq(cardStates.itemId, itemId))));
}

/** Whether the learner has a state for the item, or has read the lesson it belongs to: what makes it theirs to grade. */
export async function isStudyable(database: Db, userId: string, itemId: string, topicId: string): Promise<boolean> {
  const r = raw(database);
  return Boolean(
    (await r.get('select 1 as one from card_states where user_id = ? and item_id = ?', userId, itemId)) ??
      (await r.get('select 1 as one from lesson_reads where user_id = ? and topic_id = ?', userId, topicId)),
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
export async function queueRows(
  database: Db,
  userId: string,
  at: { now: Date; learnAheadUntil: Date; dayEnd: Date; reviewLimit: number | null },
): Promise<{ learningAndNew: QueueRow[]; review: QueueRow[]; startedIds: Set<string> }> {
  const r = raw(database);
  const now = at.now.getTime();
  const available = 'user_id = ? and suspended = 0 and (buried_until is null or buried_until <= ?)';
  const toRow = (r: RawCard & { item_id: string; topic_id: string }): QueueRow => ({ itemId: r.item_id, topicId: r.topic_id, card: rawToCard(r) });
  const learningAndNew = (
    await r.all<RawCard & { item_id: string; topic_id: string }>(
      `select item_id, topic_id, ${CARD_COLUMNS} from card_states
         where ${available} and ((state in (1, 3) and due <= ?) or state = 0) order by due, rowid`,
      userId,
      now,
      at.learnAheadUntil.getTime(),
    )
  ).map(toRow);
  const review = (
    await r.all<RawCard & { item_id: string; topic_id: string }>(
      `select item_id, topic_id, ${CARD_COLUMNS} from card_states
         where ${available} and state = 2 and due < ? order by due, rowid limit ?`,
      userId,
      now,
      at.dayEnd.getTime(),
      at.reviewLimit ?? 1_000_000_000,
    )
  ).map(toRow);
  const startedIds = new Set((await r.all<{ item_id: string }>('select item_id from card_states where user_id = ?', userId)).map((x) => x.item_id));
  return { learningAndNew, review, startedIds };
}

/** The learner's card states for the given items (those never studied are absent). */
export async function cardStatesFor(database: Db, userId: string, itemIds: readonly string[]): Promise<Map<string, Card>> {
  const out = new Map<string, Card>();
  if (itemIds.length === 0) return out;
  const rows = await raw(database).all<RawCard & { item_id: string }>(
    `select item_id, ${CARD_COLUMNS} from card_states where user_id = ? and item_id in (${itemIds.map(() => '?').join(', ')})`,
    userId,
    ...itemIds,
  );
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
export function recordReview(database: Db, input: RecordReviewInput): Promise<{ card: Card; log: ReviewLogRow; reviewsSinceOptimize: number }> {
  return transaction(database, (tx) => recordReviewIn(tx, input));
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
    due: new Date(Number(r.due)),
    stability: r.stability,
    difficulty: r.difficulty,
    elapsed_days: r.elapsed_days,
    scheduled_days: r.scheduled_days,
    learning_steps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    last_review: r.last_review === null ? undefined : new Date(Number(r.last_review)),
  };
}

const ms = (d: Date | undefined | null) => (d ? d.getTime() : null);

/** The log row's insert: an id already taken (the same submit racing in on another server) is a retried submit. */
async function insertLog(r: ReturnType<typeof raw>, text: string, ...params: (string | number | null)[]): Promise<void> {
  try {
    await r.run(text, ...params);
  } catch (e) {
    if (isUniqueViolation(e)) throw new DuplicateReviewError();
    throw e;
  }
}

/**
 * recordReview inside the caller's transaction. Its statements are prepared once per
 * connection (lib/db/prepared.ts): this is the hot path of every grade. It also counts the
 * review towards the learner's next automatic optimizer run, and returns that count.
 */
export async function recordReviewIn(tx: Executor, input: RecordReviewInput): Promise<{ card: Card; log: ReviewLogRow; reviewsSinceOptimize: number }> {
  const r = raw(tx);
  if (await r.get('select 1 as one from review_logs where id = ?', input.logId)) throw new DuplicateReviewError();
  const existing = await r.get<RawCard>(`select ${CARD_COLUMNS} from card_states where user_id = ? and item_id = ?`, input.userId, input.itemId);
  const previous = existing ? rawToCard(existing) : null;
  const { card, log } = input.schedule(previous);
  const now = input.now.getTime();
  const values = [card.due.getTime(), card.stability, card.difficulty, card.elapsed_days, card.scheduled_days, card.learning_steps, card.reps, card.lapses, card.state, ms(card.last_review)];
  if (existing) {
    await r.run(
      `update card_states set due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, learning_steps = ?, reps = ?,
         lapses = ?, state = ?, last_review = ?, updated_at = ? where user_id = ? and item_id = ?`,
      ...values,
      now,
      input.userId,
      input.itemId,
    );
  } else {
    await r.run(
      `insert into card_states (user_id, item_id, topic_id, kind, ${CARD_COLUMNS}, suspended, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      input.userId,
      input.itemId,
      input.topicId,
      input.kind,
      ...values,
      now,
      now,
    );
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
  await insertLog(
    r,
    `insert into review_logs (id, user_id, item_id, rating, state, log_due, stability, difficulty, elapsed_days, last_elapsed_days,
       scheduled_days, learning_steps, review, prev_due, had_state, duration_ms, source, shown_order)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  const counted = await r.get<{ n: number }>(
    'update user_settings set reviews_since_optimize = reviews_since_optimize + 1 where user_id = ? returning reviews_since_optimize as n',
    input.userId,
  );
  return { card, log: logRow, reviewsSinceOptimize: counted?.n ?? 0 };
}

/**
 * Moves cards into today's reviews without inventing a review: a started card becomes due
 * now; a card never studied gets a new-card state that is due now, so it is introduced first.
 * Suspended cards stay suspended.
 */
export async function pullForward(
  tx: Executor,
  userId: string,
  cards: { itemId: string; topicId: string }[],
  now: Date,
  newCardState: (now: Date) => Card,
): Promise<number> {
  let moved = 0;
  for (const c of cards) {
    const where = and(eq(cardStates.userId, userId), eq(cardStates.itemId, c.itemId));
    const existing = await first(tx.select().from(cardStates).where(where));
    if (!existing) {
      await tx.insert(cardStates)
        .values({ userId, itemId: c.itemId, topicId: c.topicId, kind: 'card', ...cardColumns(newCardState(now)), createdAt: now, updatedAt: now });
      moved += 1;
    } else if (!existing.suspended && existing.due.getTime() > now.getTime()) {
      await tx.update(cardStates).set({ due: now, buriedUntil: null, updatedAt: now }).where(where);
      moved += 1;
    }
  }
  return moved;
}

/**
 * Undoes a review: restores the card state from before it and deletes the log row, in one
 * transaction. Only the most recent review of a card can be undone.
 */
export async function undoReview(
  database: Db,
  input: {
    userId: string;
    logId: string;
    restore: (current: Card, log: ReviewLog, previousDue: Date) => Card;
  },
): Promise<{ itemId: string; card: Card | null }> {
  return transaction(database, async (tx) => {
    await lockLearner(tx, input.userId);
    const log = await first(tx
      .select()
      .from(reviewLogs)
      .where(and(eq(reviewLogs.id, input.logId), eq(reviewLogs.userId, input.userId))));
    // A cram answer changed no card state: undoing it only removes it from the log.
    if (!log || log.source === 'cram') throw new ReviewNotFoundError();
    const latest = await first(tx
      .select({ id: reviewLogs.id })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, input.userId), eq(reviewLogs.itemId, log.itemId), ne(reviewLogs.source, 'cram')))
      .orderBy(desc(reviewLogs.review), desc(insertionOrder))
      .limit(1));
    if (latest?.id !== log.id) throw new NotLatestReviewError();
    const where = and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, log.itemId));
    const current = await first(tx.select().from(cardStates).where(where));
    let restored: Card | null = null;
    if (!log.hadState || !current) {
      await tx.delete(cardStates).where(where);
    } else {
      restored = input.restore(rowToCard(current), logRowToReviewLog(log), log.prevDue ?? log.review);
      await tx.update(cardStates)
        .set({ ...cardColumns(restored), updatedAt: new Date() })
        .where(where);
    }
    await tx.delete(reviewLogs).where(eq(reviewLogs.id, log.id));
    // The review no longer counts towards the next automatic optimizer run.
    await raw(tx).run(
      'update user_settings set reviews_since_optimize = case when reviews_since_optimize > 0 then reviews_since_optimize - 1 else 0 end where user_id = ?',
      input.userId,
    );
    return { itemId: log.itemId, card: restored };
  });
}

/** Due times of the learner's review-state cards due from `from` on (suspended ones excluded): the load to balance. */
export async function reviewDueTimes(database: Db | Executor, userId: string, from: Date): Promise<Date[]> {
  const rows = await database
    .select({ due: cardStates.due })
    .from(cardStates)
    .where(and(eq(cardStates.userId, userId), eq(cardStates.state, 2), eq(cardStates.suspended, false), gte(cardStates.due, from)));
  return rows.map((r) => r.due);
}

/**
 * The same load counted by SQLite: review-state cards (suspended ones excluded) due from
 * `from` on, per whole day after `from` (day 0 is [from, from + 24 h)). One row per day
 * instead of one per card.
 */
export async function reviewDueCountsByOffset(database: Db | Executor, userId: string, from: Date): Promise<{ offset: number; n: number }[]> {
  const rows = await raw(database).all<{ day: number; n: number }>(
    `select (due - ?) / 86400000 as day, count(*) as n from card_states
       where user_id = ? and state = 2 and suspended = 0 and due >= ? group by 1`,
    from.getTime(),
    userId,
    from.getTime(),
  );
  return rows.map((r) => ({ offset: Number(r.day), n: Number(r.n) }));
}

/**
 * Records a cram answer: one log row with source `cram` carrying the card's state as it is
 * (nothing in card_states changes). A log id that already exists raises DuplicateReviewError.
 */
export async function recordCramAnswer(
  database: Db,
  input: { userId: string; logId: string; itemId: string; now: Date; durationMs: number; log: (current: Card | null) => ReviewLog },
): Promise<ReviewLogRow> {
  return transaction(database, async (tx) => {
    // Serialised with the learner's other writes, so a retried submit racing in on another server sees the first.
    await lockLearner(tx, input.userId);
    if (await first(tx.select({ id: reviewLogs.id }).from(reviewLogs).where(eq(reviewLogs.id, input.logId)))) throw new DuplicateReviewError();
    const existing = await first(tx
      .select()
      .from(cardStates)
      .where(and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, input.itemId))));
    const log = input.log(existing ? rowToCard(existing) : null);
    return (await tx
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
      .returning())[0]!;
  });
}

/**
 * Study in [start, end): reviews done in /review, how many of them introduced a new card, and
 * quiz answers (counted apart: a quiz answer is not a flashcard review).
 */
export async function countReviews(
  database: Db,
  userId: string,
  start: Date,
  end: Date,
): Promise<{ reviews: number; introduced: number; quizAnswers: number }> {
  const row = await first(database
    .select({
      reviews: sql<number>`coalesce(sum(case when ${reviewLogs.source} = 'review' then 1 else 0 end), 0)`,
      introduced: sql<number>`coalesce(sum(case when ${reviewLogs.state} = 0 and ${reviewLogs.source} = 'review' then 1 else 0 end), 0)`,
      quizAnswers: sql<number>`coalesce(sum(case when ${reviewLogs.source} = 'quiz' then 1 else 0 end), 0)`,
    })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram'), gte(reviewLogs.review, start), lt(reviewLogs.review, end))));
  return { reviews: Number(row?.reviews ?? 0), introduced: Number(row?.introduced ?? 0), quizAnswers: Number(row?.quizAnswers ?? 0) };
}

/** Review times since `since`, newest first (streaks and calendars are computed from them; cram answers are apart). */
export async function reviewTimesSince(database: Db, userId: string, since: Date): Promise<Date[]> {
  const rows = await raw(database).all<{ review: number }>(
    "select review from review_logs where user_id = ? and source != 'cram' and review >= ? order by review desc",
    userId,
    since.getTime(),
  );
  return rows.map((r) => new Date(Number(r.review)));
}

export async function markLessonRead(database: Db, userId: string, topicId: string, now: Date): Promise<void> {
  await transaction(database, (tx) => tx.insert(lessonReads).values({ userId, topicId, readAt: now }).onConflictDoNothing());
}

export async function listLessonReads(database: Db, userId: string): Promise<{ topicId: string; readAt: Date }[]> {
  return await database
    .select({ topicId: lessonReads.topicId, readAt: lessonReads.readAt })
    .from(lessonReads)
    .where(eq(lessonReads.userId, userId));
}

/** The option order each question was last shown in (content indices), for the questions given. */
export async function lastShownOrders(database: Db, userId: string, itemIds: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (itemIds.length === 0) return out;
  const rows = await database
    .select({ itemId: reviewLogs.itemId, shownOrder: reviewLogs.shownOrder, review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), inArray(reviewLogs.itemId, itemIds)))
    .orderBy(reviewLogs.review, insertionOrder);
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
