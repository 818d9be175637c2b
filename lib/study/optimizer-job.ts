import 'server-only';
import type { Db } from '@/lib/db/client';
import { allReviewLogs, claimRun, hasReviews, latestRunStart, saveParams, updateRun } from '@/lib/db/optimizer';
import { getSettingsRow } from '@/lib/db/settings';
import { fitParameters, loadOptimizer, MIN_REVIEWS, OPTIMIZER_MISSING } from '@/lib/optimizer/fit';
import { trainingItems } from '@/lib/optimizer/items';
import { toStudySettings } from '@/lib/srs/settings';
import type { OptimizerRunRow } from '@/lib/db/tables';

/** What the learner sees of a run (the settings page and its polling route). */
export function publicRun(run: OptimizerRunRow) {
  return {
    id: run.id,
    status: run.status,
    progress: run.progress,
    reviewsUsed: run.reviewsUsed,
    logLossDefault: run.logLossDefault,
    logLossFitted: run.logLossFitted,
    kept: run.kept,
    message: run.message,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

const running = new Set<string>();
/** A run queued or running for longer than this was interrupted by a restart. */
const STALE_MS = 10 * 60_000;
export const AUTO_EVERY_REVIEWS = 1000;
export const AUTO_EVERY_DAYS = 30;

/** Manual runs a learner may start in 24 hours (each fit keeps a CPU core busy for seconds). */
export const DAILY_MANUAL_RUNS = 5;

export class OptimizerBusyError extends Error {}
export class OptimizerLimitError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`You have started the optimizer ${DAILY_MANUAL_RUNS} times in the last 24 hours, the most a day allows. Try again tomorrow.`);
  }
}

/**
 * Starts fitting the learner's FSRS parameters in the background and returns the run id at
 * once: the fit runs on the native library's worker thread, progress goes to the database
 * (the settings page polls it), and the fitted parameters replace the learner's only if their
 * log loss on the learner's own history is lower.
 */
export async function startOptimizer(database: Db, userId: string, trigger: 'manual' | 'auto', now = new Date()): Promise<string> {
  if (running.has(userId)) throw new OptimizerBusyError('An optimization is already running for you.');
  const id = crypto.randomUUID();
  // The database decides, so the limits hold across server processes.
  const claim = await claimRun(database, { id, userId, trigger, now, activeSince: new Date(now.getTime() - STALE_MS), dailyCap: DAILY_MANUAL_RUNS });
  if (!claim.ok) {
    if (claim.reason === 'busy') throw new OptimizerBusyError('An optimization is already queued or running for you; wait for it to finish.');
    throw new OptimizerLimitError(claim.retryAfterSeconds ?? 86_400);
  }
  running.add(userId);
  setImmediate(() => {
    void runOptimizer(database, userId, id).finally(() => running.delete(userId));
  });
  return id;
}

async function runOptimizer(database: Db, userId: string, id: string): Promise<void> {
  const fail = (message: string) => updateRun(database, id, { status: 'failed', message, finishedAt: new Date() });
  try {
    if (!loadOptimizer()) return fail(OPTIMIZER_MISSING);
    const settings = toStudySettings(await getSettingsRow(database, userId));
    const logs = await allReviewLogs(database, userId);
    if (logs.length < MIN_REVIEWS) {
      return fail(`You have ${logs.length} reviews; the optimizer needs at least ${MIN_REVIEWS}. ${MIN_REVIEWS - logs.length} more to go.`);
    }
    await updateRun(database, id, { status: 'running', reviewsUsed: logs.length });
    const items = trainingItems(logs, settings.day);
    let last = 0;
    // Progress writes one after another, all done before the run's result is written.
    let progressWrites = Promise.resolve();
    const result = await fitParameters(items, {
      relearningSteps: settings.scheduler.relearningSteps.length,
      onProgress: (fraction) => {
        // At most ~20 writes a run.
        if (fraction - last >= 0.05 || fraction >= 1) {
          last = fraction;
          progressWrites = progressWrites.then(() => updateRun(database, id, { progress: Math.min(1, fraction) }));
        }
      },
    });
    await progressWrites;
    const better = result.logLossFitted < result.logLossDefault;
    if (better) await saveParams(database, userId, result.params);
    await updateRun(database, id, {
      status: 'done',
      progress: 1,
      logLossDefault: result.logLossDefault,
      logLossFitted: result.logLossFitted,
      params: JSON.stringify(result.params),
      kept: better,
      message: better
        ? 'Your own parameters predict your reviews better than the defaults; they are now in use.'
        : 'The fitted parameters were not better than the defaults on your history; you keep the defaults.',
      finishedAt: new Date(),
    });
  } catch (e) {
    const message = (e as Error).message;
    await fail(/NotEnoughData/.test(message) ? 'Not enough reviews a day or more apart to fit parameters yet. Keep reviewing.' : `The optimizer failed: ${message}`);
  }
}

/**
 * A run left queued or running by a server that restarted mid-fit would look busy forever:
 * one that is not running in this process and is older than ten minutes is marked failed.
 */
export async function settleStaleRun(database: Db, run: OptimizerRunRow, now = new Date()): Promise<OptimizerRunRow> {
  if ((run.status === 'queued' || run.status === 'running') && !running.has(run.userId) && now.getTime() - run.startedAt.getTime() > STALE_MS) {
    const message = 'This run was interrupted (the server restarted). Start it again.';
    await updateRun(database, run.id, { status: 'failed', message, finishedAt: now });
    return { ...run, status: 'failed', message, finishedAt: now };
  }
  return run;
}

/**
 * After reviews: run by itself every 1,000 new reviews or monthly, when the learner allows it.
 * O(1) per grade: the grading transaction keeps the count of reviews since the last run
 * started (`reviews_since_optimize`, reset when a run is claimed); pass what it returned.
 */
export async function maybeAutoOptimize(
  database: Db,
  userId: string,
  now = new Date(),
  known?: { autoOptimize: boolean; reviewsSinceOptimize: number },
): Promise<void> {
  const settings = known ?? await getSettingsRow(database, userId);
  const newReviews = settings.reviewsSinceOptimize;
  if (!settings.autoOptimize || newReviews < 1 || running.has(userId) || !loadOptimizer()) return;
  let due = newReviews >= AUTO_EVERY_REVIEWS;
  if (!due) {
    const last = await latestRunStart(database, userId);
    due = last !== null && now.getTime() - last.getTime() > AUTO_EVERY_DAYS * 86_400_000 && await hasReviews(database, userId, MIN_REVIEWS);
  }
  if (!due) return;
  try {
    await startOptimizer(database, userId, 'auto', now);
  } catch (e) {
    // Another server process claimed a run first: the review itself is saved, nothing to do.
    if (!(e instanceof OptimizerBusyError || e instanceof OptimizerLimitError)) throw e;
  }
}
