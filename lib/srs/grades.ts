import type { Grade, Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';

/**
 * The grades and card states as plain values, for code that runs in the browser: importing
 * them from ts-fsrs (or from ./scheduler) would ship the whole scheduler to the review
 * screen. The types are ts-fsrs's own, and lib/srs/grades.test.ts checks the values match.
 */
export const Rating = {
  Again: 1 as FsrsRating.Again,
  Hard: 2 as FsrsRating.Hard,
  Good: 3 as FsrsRating.Good,
  Easy: 4 as FsrsRating.Easy,
} as const;

export const State = {
  New: 0 as FsrsState.New,
  Learning: 1 as FsrsState.Learning,
  Review: 2 as FsrsState.Review,
  Relearning: 3 as FsrsState.Relearning,
} as const;

export type { Grade };
export type CardState = FsrsState;

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;

export const GRADE_LABELS: Record<Grade, string> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

/** What one grade would give an item now: its button's label, and when and in what state the item comes back. */
export interface GradePreview {
  /** `10m`, `3d`, `2.5mo`: the interval, as the button shows it. */
  label: string;
  /** Milliseconds from the preview's moment to the item's next due time. */
  inMs: number;
  state: CardState;
}

export type GradePreviews = Record<Grade, GradePreview>;

const DAY_MS = 86_400_000;

/**
 * Whether a graded item comes back in the same review session: a learning or relearning
 * step shorter than a day. The review screen puts it back at the end of its queue.
 */
export function comesBackInSession(outcome: { state: CardState; inMs: number }): boolean {
  return (outcome.state === State.Learning || outcome.state === State.Relearning) && outcome.inMs < DAY_MS;
}
