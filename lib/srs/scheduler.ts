import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card,
  type FSRS,
  type Grade,
  type ReviewLog,
  type StepUnit,
} from 'ts-fsrs';

import { balancedInterval, type Workload } from './balance';
import { GRADES, type GradePreviews } from './grades';

export { Rating, State };
export type { Card, Grade, ReviewLog };

/** The study settings that shape the scheduler (a subset of user_settings). */
export interface SchedulerSettings {
  desiredRetention: number;
  maximumInterval: number;
  learningSteps: StepUnit[];
  relearningSteps: StepUnit[];
  fuzz: boolean;
  /** The 21 FSRS-6 weights, or null for ts-fsrs's defaults. */
  weights: number[] | null;
}

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  fuzz: true,
  weights: null,
};

export function createScheduler(settings: SchedulerSettings): FSRS {
  return fsrs(
    generatorParameters({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      enable_fuzz: settings.fuzz,
      enable_short_term: true,
      learning_steps: settings.learningSteps,
      relearning_steps: settings.relearningSteps,
      ...(settings.weights ? { w: settings.weights } : {}),
    }),
  );
}

/**
 * Quiz questions skip the short learning steps: a question drills the idea, and showing it
 * again minutes later with the same options would drill its position. FSRS gives at least
 * a day instead.
 */
export function questionSchedulerSettings(settings: SchedulerSettings): SchedulerSettings {
  return { ...settings, learningSteps: [], relearningSteps: [] };
}

/**
 * A question's next showing is never before the learner's next study day (`nextDayStart`):
 * FSRS without steps gives at least 24 hours, which a 25-hour study day (DST) could still
 * leave inside today.
 */
export function gradeQuestion(
  scheduler: FSRS,
  card: Card | null,
  now: Date,
  rating: Grade,
  nextDayStart: Date,
  workload?: Workload | null,
): GradeResult {
  const result = gradeCard(scheduler, card, now, rating, workload);
  if (result.card.due.getTime() < nextDayStart.getTime()) return { ...result, card: { ...result.card, due: nextDayStart } };
  return result;
}

export function newCard(now: Date): Card {
  return createEmptyCard(now);
}

export interface GradeResult {
  card: Card;
  log: ReviewLog;
}

const DAY_MS = 86_400_000;
const withoutFuzz = new WeakMap<FSRS, FSRS>();

/** The same scheduler with fuzz off (cached per scheduler). */
export function unfuzzed(scheduler: FSRS): FSRS {
  let f = withoutFuzz.get(scheduler);
  if (!f) {
    f = fsrs({ ...scheduler.parameters, enable_fuzz: false });
    withoutFuzz.set(scheduler, f);
  }
  return f;
}

/** Whether a graded card's next showing is a whole-day review interval (not a learning step). */
function isDayInterval(card: Card, now: Date): boolean {
  return card.state === State.Review && card.scheduled_days >= 1 && card.due.getTime() - now.getTime() === card.scheduled_days * DAY_MS;
}

function withInterval(card: Card, now: Date, days: number): Card {
  return { ...card, scheduled_days: days, due: new Date(now.getTime() + days * DAY_MS) };
}

/**
 * Every grade's outcome for `card` at `now`. Two things on top of ts-fsrs:
 * - the maximum interval holds for every grade (ts-fsrs caps each interval, then forces
 *   Good >= Hard + 1 and Easy >= Good + 1, which can push a capped card past the cap);
 *   when the cap binds, Hard, Good and Easy may share it;
 * - with a workload and fuzz on, the day within the fuzz range is chosen by load
 *   balancing instead of at random (lib/srs/balance.ts).
 */
export function gradeOutcomes(scheduler: FSRS, card: Card | null, now: Date, workload?: Workload | null): Record<Grade, GradeResult> {
  const base = card ?? newCard(now);
  const preview = scheduler.repeat(base, now);
  const max = scheduler.parameters.maximum_interval;
  const balance = Boolean(workload) && scheduler.parameters.enable_fuzz;
  const plain = balance ? unfuzzed(scheduler).repeat(base, now) : null;
  const out = {} as Record<Grade, GradeResult>;
  let floor = 1;
  for (const g of GRADES) {
    let next = preview[g].card;
    if (isDayInterval(next, now)) {
      let days = Math.min(next.scheduled_days, max);
      if (balance && plain && isDayInterval(plain[g].card, now)) {
        const seed = `${now.getTime()}_${base.reps}_${base.difficulty * base.stability}_${g}`;
        days = balancedInterval(plain[g].card.scheduled_days, preview[g].log.elapsed_days, max, workload!, seed, floor);
      }
      days = Math.min(days, max);
      if (g !== Rating.Again) floor = Math.min(days + 1, max);
      if (days !== next.scheduled_days) next = withInterval(next, now, days);
    } else if (next.state === State.Review && next.due.getTime() - now.getTime() > max * DAY_MS) {
      // A learning step longer than the maximum interval.
      next = withInterval(next, now, max);
    }
    out[g] = { card: next, log: preview[g].log };
  }
  return out;
}

/**
 * Grades `card` (a new card when null) at `now`. Pure: the same inputs give the same result.
 * `workload` turns on load balancing (see gradeOutcomes).
 */
export function gradeCard(scheduler: FSRS, card: Card | null, now: Date, rating: Grade, workload?: Workload | null): GradeResult {
  return gradeOutcomes(scheduler, card, now, workload)[rating];
}

/**
 * Undoes a review: ts-fsrs rollback restores the memory state (stability, difficulty,
 * state, steps, reps, lapses, last review); the due time before the review is not in the
 * ts-fsrs log, so we keep it alongside and put it back.
 */
export function undoReview(scheduler: FSRS, current: Card, log: ReviewLog, previousDue: Date): Card {
  const restored = scheduler.rollback(current, log);
  return { ...restored, due: previousDue };
}

/**
 * What each grade would give `card` (a new card when null) at `now`, for the grade buttons:
 * the interval's label, the time until it is due and its state. Without load balancing (the
 * grade itself balances, within the fuzz range). With `nextDayStart`, a due time before it is
 * moved to it, as gradeQuestion does for quiz questions.
 */
export function previewGrades(scheduler: FSRS, card: Card | null, now: Date, nextDayStart?: Date): GradePreviews {
  const outcomes = gradeOutcomes(scheduler, card, now);
  const out = {} as GradePreviews;
  for (const g of GRADES) {
    const { due, state } = outcomes[g].card;
    const inMs = Math.max(due.getTime(), nextDayStart?.getTime() ?? 0) - now.getTime();
    out[g] = { label: formatInterval(inMs), inMs, state };
  }
  return out;
}

/** `45s`, `10m`, `3h`, `8d`, `2.5mo`, `1.2y`: short labels like Anki's. */
export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.max(1, Math.round(ms / 1000))}s`;
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${trim(days / 30)}mo`;
  return `${trim(days / 365)}y`;
}

function trim(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

export function isGrade(n: number): n is Grade {
  return n === Rating.Again || n === Rating.Hard || n === Rating.Good || n === Rating.Easy;
}
