import { createHash } from 'node:crypto';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Card } from 'ts-fsrs';
import type { BackupAttempt, BackupCardState, BackupReview, BackupRun, BackupSettings } from '@/lib/portability/backup';
import { UNSTUDIED } from './cards';
import type { Db } from './client';
import { cardColumns, rowToCard } from './reviews';
import { cardStates, insertionOrder, lessonReads, optimizerRuns, pathEnrollments, quizAnswers, quizAttempts, restoreJobs, reviewLogs, userSettings, type RestoreJobRow } from './tables';
import { raw } from './prepared';
import { first, lockLearner, transaction } from './tx';

/**
 * The database side of restoring a backup into the signed-in learner's account. Every write
 * is keyed so that restoring the same file twice adds nothing: review logs, attempts and
 * runs by their ids, reads and enrollments by their keys.
 */

/**
 * Ids are global; a backup restored into another account of the same database (the old one
 * still there) gets ids derived from the account and the original id, the same every time.
 */
export function derivedId(userId: string, original: string): string {
  const h = createHash('sha256').update(`${userId}:${original}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Owner = { userId: string } | undefined;

/** The id this learner's copy of a record has: its own if free or already theirs, else the derived one. */
async function idFor(userId: string, original: string, ownerOf: (id: string) => Promise<Owner>): Promise<{ id: string; present: boolean }> {
  const owner = await ownerOf(original);
  if (!owner) return { id: original, present: false };
  if (owner.userId === userId) return { id: original, present: true };
  const derived = derivedId(userId, original);
  return { id: derived, present: Boolean(await ownerOf(derived)) };
}

export interface ItemInfo {
  topicId: string;
  kind: 'card' | 'question';
}

export interface ChunkResult {
  added: number;
  skipped: number;
  recomputed: number;
}

/**
 * Restores one chunk of review logs, grouped by item (every log of an item is in the same
 * chunk), and recomputes those items' card states from the merged history, in one transaction.
 * A file's state is used only where the replay agrees with its memory (stability, difficulty,
 * state, reps, lapses, last review): then its due day (which load balancing may have moved
 * within the fuzz range) is kept; otherwise the replay's state is written.
 */
export async function restoreReviewChunk(
  database: Db,
  input: {
    userId: string;
    logs: BackupReview[];
    itemIds: string[];
    fileStates: Map<string, BackupCardState>;
    items: Map<string, ItemInfo>;
    replay: (kind: 'card' | 'question', history: { rating: number; review: Date }[]) => Card | null;
    now: Date;
  },
): Promise<ChunkResult> {
  return transaction(database, async (tx) => {
    // The hot path of a large restore: plain statements, prepared once per connection.
    const r = raw(tx);
    const ownerOf = (id: string): Promise<Owner> => r.get<{ userId: string }>('select user_id as "userId" from review_logs where id = ?', id);
    let added = 0;
    let skipped = 0;
    for (const l of input.logs) {
      const { id, present } = await idFor(input.userId, l.id, ownerOf);
      if (present) {
        skipped += 1;
        continue;
      }
      await r.run(
        `insert into review_logs (id, user_id, item_id, rating, state, log_due, stability, difficulty, elapsed_days, last_elapsed_days,
          scheduled_days, learning_steps, review, prev_due, had_state, duration_ms, source, shown_order)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        input.userId,
        l.itemId,
        l.rating,
        l.state,
        l.logDue.getTime(),
        l.stability,
        l.difficulty,
        l.elapsedDays,
        l.lastElapsedDays,
        l.scheduledDays,
        l.learningSteps,
        l.review.getTime(),
        l.prevDue?.getTime() ?? null,
        l.hadState ? 1 : 0,
        l.durationMs,
        l.source,
        l.shownOrder ?? null,
      );
      added += 1;
    }

    let recomputed = 0;
    for (const itemId of input.itemIds) {
      const info = input.items.get(itemId);
      // Reviews of items that no longer exist stay in the log; they get no card state.
      if (!info) continue;
      const where = and(eq(cardStates.userId, input.userId), eq(cardStates.itemId, itemId));
      const local = await first(tx.select().from(cardStates).where(where));
      const file = input.fileStates.get(itemId);
      const resetAt = local ? local.resetAt : (file?.resetAt ?? null);
      const history = (
        await tx
          .select({ rating: reviewLogs.rating, review: reviewLogs.review })
          .from(reviewLogs)
          .where(and(eq(reviewLogs.userId, input.userId), eq(reviewLogs.itemId, itemId), ne(reviewLogs.source, 'cram')))
          .orderBy(asc(reviewLogs.review), insertionOrder)
      ).filter((h) => !resetAt || h.review > resetAt);
      let card = history.length ? input.replay(info.kind, history) : null;
      if (card && file && agrees(card, file)) {
        card = { ...card, due: file.due, scheduled_days: file.scheduledDays, elapsed_days: file.elapsedDays };
      }
      if (!card) {
        // No reviews (a card pulled into today, or reset): the file's new-card state, if any.
        if (local || !file || file.reps > 0 || file.state !== 0) continue;
        card = { ...rowToCard({ ...emptyRow(file), due: file.due }), state: 0 };
      }
      const columns = cardColumns(card);
      if (local) {
        await tx.update(cardStates).set({ ...columns, updatedAt: input.now }).where(where);
      } else {
        await tx.insert(cardStates)
          .values({
            userId: input.userId,
            itemId,
            topicId: info.topicId,
            kind: info.kind,
            ...columns,
            suspended: file?.suspended ?? false,
            buriedUntil: file?.buriedUntil ?? null,
            resetAt: file?.resetAt ?? null,
            createdAt: file?.createdAt ?? input.now,
            updatedAt: input.now,
          });
      }
      recomputed += 1;
    }
    return { added, skipped, recomputed };
  });
}

function emptyRow(file: BackupCardState) {
  return {
    userId: '',
    itemId: file.itemId,
    topicId: file.topicId,
    kind: file.kind,
    due: file.due,
    ...UNSTUDIED,
    suspended: false,
    buriedUntil: null,
    resetAt: null,
    createdAt: file.createdAt,
    updatedAt: file.createdAt,
  };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function agrees(card: Card, file: BackupCardState): boolean {
  return (
    close(card.stability, file.stability) &&
    close(card.difficulty, file.difficulty) &&
    card.state === file.state &&
    card.reps === file.reps &&
    card.lapses === file.lapses &&
    card.learning_steps === file.learningSteps &&
    (card.last_review?.getTime() ?? null) === (file.lastReview?.getTime() ?? null)
  );
}

export interface SmallRecords {
  reads: { topicId: string; readAt: Date }[];
  enrollments: { pathId: string; startedAt: Date }[];
  attempts: BackupAttempt[];
  runs: BackupRun[];
}

export interface SmallResult {
  reads: { added: number; skipped: number };
  enrollments: { added: number; skipped: number };
  attempts: { added: number; skipped: number };
  runs: { added: number; skipped: number };
}

/** Lesson reads, path enrollments, quiz attempts (with their answers) and optimizer runs, in one transaction. */
export async function restoreSmallRecords(database: Db, userId: string, records: SmallRecords): Promise<SmallResult> {
  return transaction(database, async (tx) => {
    const out: SmallResult = {
      reads: { added: 0, skipped: 0 },
      enrollments: { added: 0, skipped: 0 },
      attempts: { added: 0, skipped: 0 },
      runs: { added: 0, skipped: 0 },
    };
    for (const r of records.reads) {
      const res = await tx.insert(lessonReads).values({ userId, topicId: r.topicId, readAt: r.readAt }).onConflictDoNothing().returning({ userId: lessonReads.userId });
      out.reads[res.length ? 'added' : 'skipped'] += 1;
    }
    for (const e of records.enrollments) {
      const res = await tx
        .insert(pathEnrollments)
        .values({ userId, pathId: e.pathId, startedAt: e.startedAt })
        .onConflictDoNothing()
        .returning({ userId: pathEnrollments.userId });
      out.enrollments[res.length ? 'added' : 'skipped'] += 1;
    }
    const logOwner = (id: string): Promise<Owner> => first(tx.select({ userId: reviewLogs.userId }).from(reviewLogs).where(eq(reviewLogs.id, id)));
    const attemptOwner = (id: string): Promise<Owner> => first(tx.select({ userId: quizAttempts.userId }).from(quizAttempts).where(eq(quizAttempts.id, id)));
    for (const a of records.attempts) {
      const { id, present } = await idFor(userId, a.id, attemptOwner);
      if (present) {
        out.attempts.skipped += 1;
        continue;
      }
      const { answers, ...attempt } = a;
      await tx.insert(quizAttempts)
        .values({ ...attempt, id, userId });
      for (const ans of answers) {
        // The answer's review, under the id this learner's copy of it has.
        const logId = ans.reviewLogId ? (await idFor(userId, ans.reviewLogId, logOwner)).id : null;
        await tx.insert(quizAnswers)
          .values({ ...ans, attemptId: id, reviewLogId: logId })
          .onConflictDoNothing();
      }
      out.attempts.added += 1;
    }
    const runOwner = (id: string): Promise<Owner> => first(tx.select({ userId: optimizerRuns.userId }).from(optimizerRuns).where(eq(optimizerRuns.id, id)));
    for (const r of records.runs) {
      const { id, present } = await idFor(userId, r.id, runOwner);
      if (present) {
        out.runs.skipped += 1;
        continue;
      }
      // A run that was under way when the backup was made did not finish anywhere.
      const unfinished = r.status === 'queued' || r.status === 'running';
      await tx.insert(optimizerRuns)
        .values({ ...r, id, userId, ...(unfinished ? { status: 'failed' as const, message: 'Interrupted: it was running when the backup was made.', finishedAt: r.startedAt } : {}) });
      out.runs.added += 1;
    }
    return out;
  });
}

export async function restoreSettings(database: Db, userId: string, s: BackupSettings, now: Date): Promise<void> {
  await transaction(database, (tx) => tx
    .update(userSettings)
    .set({ ...s, timezoneSource: 'user', updatedAt: now })
    .where(eq(userSettings.userId, userId)));
}

/**
 * Creates a running job unless the learner already has one, in one transaction holding the
 * learner's lock (lockLearner): two server processes, or two servers, cannot both start a
 * restore for the same learner.
 */
export async function claimRestoreJob(database: Db, userId: string, id: string, now: Date): Promise<boolean> {
  return transaction(database, async (tx) => {
      await lockLearner(tx, userId);
      const running = await first(tx
        .select({ id: restoreJobs.id })
        .from(restoreJobs)
        .where(and(eq(restoreJobs.userId, userId), eq(restoreJobs.status, 'running'))));
      if (running) return false;
      await tx.insert(restoreJobs).values({ id, userId, status: 'running', progress: 0, startedAt: now });
      return true;
    });
}

export async function updateRestoreJob(database: Db, id: string, patch: Partial<Pick<RestoreJobRow, 'status' | 'progress' | 'result' | 'message' | 'finishedAt'>>): Promise<void> {
  await transaction(database, (tx) => tx.update(restoreJobs).set(patch).where(eq(restoreJobs.id, id)));
}

export async function getRestoreJob(database: Db, userId: string, id: string): Promise<RestoreJobRow | undefined> {
  return await first(database
    .select()
    .from(restoreJobs)
    .where(and(eq(restoreJobs.id, id), eq(restoreJobs.userId, userId))));
}

export async function runningRestoreJob(database: Db, userId: string): Promise<RestoreJobRow | undefined> {
  return await first(database
    .select()
    .from(restoreJobs)
    .where(and(eq(restoreJobs.userId, userId), eq(restoreJobs.status, 'running')))
    .orderBy(desc(restoreJobs.startedAt)));
}
