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

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;

export const GRADE_LABELS: Record<Grade, string> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
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
export function gradeQuestion(scheduler: FSRS, card: Card | null, now: Date, rating: Grade, nextDayStart: Date): GradeResult {
  const result = gradeCard(scheduler, card, now, rating);
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

/** Grades `card` (a new card when null) at `now`. Pure: the same inputs give the same result. */
export function gradeCard(scheduler: FSRS, card: Card | null, now: Date, rating: Grade): GradeResult {
  const { card: next, log } = scheduler.next(card ?? newCard(now), now, rating);
  return { card: next, log };
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

/** The interval each grade would give, for the grade buttons. */
export function previewIntervals(scheduler: FSRS, card: Card | null, now: Date): Record<Grade, string> {
  const preview = scheduler.repeat(card ?? newCard(now), now);
  const out = {} as Record<Grade, string>;
  for (const g of GRADES) out[g] = formatInterval(preview[g].card.due.getTime() - now.getTime());
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
