import 'server-only';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { getSettingsRow } from '@/lib/db/settings';
import {
  claimRestoreJob,
  getRestoreJob,
  restoreReviewChunk,
  restoreSettings,
  restoreSmallRecords,
  updateRestoreJob,
  type ItemInfo,
} from '@/lib/db/restore';
import {
  backupAttempt,
  backupCardState,
  backupReview,
  backupRun,
  backupSettings,
  BackupError,
  readBackupHeader,
  validateChunk,
  type BackupCardState,
  type BackupHeader,
  type BackupReview,
} from '@/lib/portability/backup';
import { replayHistory } from '@/lib/srs/reschedule';
import { createScheduler, questionSchedulerSettings } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';
import type { RestoreJobRow } from '@/lib/db/tables';

/** What a restore did, shown to the learner when it ends. */
export interface RestoreReport {
  reviews: { added: number; skipped: number };
  cardStates: number;
  reads: { added: number; skipped: number };
  enrollments: { added: number; skipped: number };
  attempts: { added: number; skipped: number };
  runs: { added: number; skipped: number };
  settings: boolean;
  /** Items the backup has reviews of that the library no longer has: kept in the log, listed here. */
  unknownItems: string[];
}

export class RestoreBusyError extends Error {}

/** Records per validation step and per write transaction: small enough that other requests keep flowing. */
const CHUNK = 2000;

/**
 * Checks the file far enough to answer at once (not JSON, another app's, a newer version's,
 * damaged in shape), then restores it in the background and returns the job id. The job
 * validates every record before it writes anything, so a damaged file changes nothing.
 */
export async function startRestore(database: Db, library: Library, userId: string, text: string, options: { includeSettings: boolean }, now = new Date()): Promise<string> {
  const header = readBackupHeader(text);
  const id = crypto.randomUUID();
  // Claimed in the database, so a second process (or a double click) cannot start another.
  if (!await claimRestoreJob(database, userId, id, now)) throw new RestoreBusyError('A restore is already running for you; wait for it to finish.');
  setImmediate(() => {
    void runRestore(database, library, userId, id, header, options).catch(async (e: unknown) => {
      await updateRestoreJob(database, id, {
        status: 'failed',
        message: e instanceof BackupError ? e.message : 'The restore failed; nothing after the failure point was written. Try again.',
        finishedAt: new Date(),
      });
      if (!(e instanceof BackupError)) console.error('restore failed', e);
    });
  });
  return id;
}

async function validateAll<T>(list: unknown[], name: string, validate: (chunk: unknown[], offset: number) => T[], onChunk: () => Promise<void>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < list.length; i += CHUNK) {
    out.push(...validate(list.slice(i, i + CHUNK), i));
    await onChunk();
    await yieldToOthers();
  }
  return out;
}

/** The restore itself; exported for tests, which await it instead of polling. */
export async function runRestore(
  database: Db,
  library: Library,
  userId: string,
  jobId: string,
  header: BackupHeader,
  options: { includeSettings: boolean },
): Promise<RestoreReport> {
  const total = header.reviewLogs.length * 2 + header.cardStates.length + header.quizAttempts.length + header.optimizerRuns.length + 1;
  let done = 0;
  const progress = async (n: number) => {
    done += n;
    await updateRestoreJob(database, jobId, { progress: Math.min(0.99, done / total) });
  };

  // 1. Validate everything before writing anything.
  const logs = await validateAll(header.reviewLogs, 'reviewLogs', (c, o) => validateChunk(backupReview, c, o, 'reviewLogs'), () => progress(Math.min(CHUNK, header.reviewLogs.length)));
  const states = await validateAll(header.cardStates, 'cardStates', (c, o) => validateChunk(backupCardState, c, o, 'cardStates'), () => progress(Math.min(CHUNK, header.cardStates.length)));
  const attempts = validateChunk(backupAttempt, header.quizAttempts, 0, 'quizAttempts');
  const runs = validateChunk(backupRun, header.optimizerRuns, 0, 'optimizerRuns');
  let settings = null;
  if (options.includeSettings) {
    if (header.settings === undefined || header.settings === null) throw new BackupError('This backup has no settings to restore; untick "Also restore my settings" to restore the rest.', 422);
    const parsed = backupSettings.safeParse(header.settings);
    if (!parsed.success) throw new BackupError(`This backup is damaged: settings.${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}.`, 422);
    settings = parsed.data;
  }

  // 2. Settings first (when asked), so the replay below uses the restored scheduler.
  if (settings) await restoreSettings(database, userId, settings, new Date());
  const study = toStudySettings(await getSettingsRow(database, userId));
  const cardScheduler = createScheduler(study.scheduler);
  const questionScheduler = createScheduler(questionSchedulerSettings(study.scheduler));
  const replay = (kind: 'card' | 'question', history: { rating: number; review: Date }[]) =>
    replayHistory(kind === 'question' ? questionScheduler : cardScheduler, history);

  // 3. Reviews, grouped by item so each item's merged history is replayed within one transaction.
  const items = new Map<string, ItemInfo>();
  for (const [itemId, entry] of library.items) items.set(itemId, { topicId: entry.topic.id, kind: entry.kind });
  const fileStates = new Map<string, BackupCardState>(states.map((s) => [s.itemId, s]));
  const byItem = new Map<string, BackupReview[]>();
  for (const l of logs) byItem.set(l.itemId, [...(byItem.get(l.itemId) ?? []), l]);
  // Items with a state in the file but no reviews (pulled into a day, reset) are restored too.
  for (const s of states) if (!byItem.has(s.itemId)) byItem.set(s.itemId, []);
  const report: RestoreReport = {
    reviews: { added: 0, skipped: 0 },
    cardStates: 0,
    reads: { added: 0, skipped: 0 },
    enrollments: { added: 0, skipped: 0 },
    attempts: { added: 0, skipped: 0 },
    runs: { added: 0, skipped: 0 },
    settings: Boolean(settings),
    unknownItems: [...byItem.keys()].filter((id) => !items.has(id)).sort(),
  };
  let batch: { itemIds: string[]; logs: BackupReview[] } = { itemIds: [], logs: [] };
  const flush = async () => {
    if (!batch.itemIds.length) return;
    const r = await restoreReviewChunk(database, { userId, logs: batch.logs, itemIds: batch.itemIds, fileStates, items, replay, now: new Date() });
    report.reviews.added += r.added;
    report.reviews.skipped += r.skipped;
    report.cardStates += r.recomputed;
    await progress(batch.logs.length);
    batch = { itemIds: [], logs: [] };
    await yieldToOthers();
  };
  for (const [itemId, itemLogs] of byItem) {
    batch.itemIds.push(itemId);
    batch.logs.push(...itemLogs);
    if (batch.logs.length >= CHUNK || batch.itemIds.length >= CHUNK) await flush();
  }
  await flush();

  // 4. The small records.
  const small = await restoreSmallRecords(database, userId, {
    reads: header.lessonReads,
    enrollments: header.pathEnrollments,
    attempts,
    runs,
  });
  Object.assign(report, small);
  await updateRestoreJob(database, jobId, { status: 'done', progress: 1, result: JSON.stringify(report), finishedAt: new Date() });
  return report;
}

/** A restore job as the settings page shows it; a job left running by a restarted server is failed. */
export async function restoreStatus(database: Db, userId: string, jobId: string, now = new Date()) {
  const job = await getRestoreJob(database, userId, jobId);
  if (!job) return null;
  return publicJob(await settleStale(database, job, now));
}

const STALE_MS = 15 * 60_000;

async function settleStale(database: Db, job: RestoreJobRow, now: Date): Promise<RestoreJobRow> {
  if (job.status === 'running' && now.getTime() - job.startedAt.getTime() > STALE_MS) {
    const message = 'This restore stopped when the server restarted. Restore the file again: what was already added is skipped.';
    await updateRestoreJob(database, job.id, { status: 'failed', message, finishedAt: now });
    return { ...job, status: 'failed', message, finishedAt: now };
  }
  return job;
}

export function publicJob(job: RestoreJobRow) {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    message: job.message,
    result: job.result ? (JSON.parse(job.result) as RestoreReport) : null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
