import { describe, expect, it } from 'vitest';
import { Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';
import { comesBackInSession, GRADE_LABELS, GRADES, Rating, State } from './grades';

describe('grades without ts-fsrs', () => {
  it('has the same values as ts-fsrs', () => {
    expect(Rating).toEqual({ Again: FsrsRating.Again, Hard: FsrsRating.Hard, Good: FsrsRating.Good, Easy: FsrsRating.Easy });
    expect(State).toEqual({ New: FsrsState.New, Learning: FsrsState.Learning, Review: FsrsState.Review, Relearning: FsrsState.Relearning });
    expect(GRADES).toEqual([FsrsRating.Again, FsrsRating.Hard, FsrsRating.Good, FsrsRating.Easy]);
    expect(GRADES.map((g) => GRADE_LABELS[g])).toEqual(['Again', 'Hard', 'Good', 'Easy']);
  });

  it('brings back in the session a learning or relearning step shorter than a day, nothing else', () => {
    const hour = 3_600_000;
    expect(comesBackInSession({ state: State.Learning, inMs: 60_000 })).toBe(true);
    expect(comesBackInSession({ state: State.Relearning, inMs: 23 * hour })).toBe(true);
    expect(comesBackInSession({ state: State.Learning, inMs: 24 * hour })).toBe(false);
    expect(comesBackInSession({ state: State.Review, inMs: hour })).toBe(false);
    expect(comesBackInSession({ state: State.New, inMs: 0 })).toBe(false);
  });
});
