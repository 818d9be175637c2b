import { describe, expect, it } from 'vitest';
import {
  createScheduler,
  DEFAULT_SCHEDULER_SETTINGS,
  formatInterval,
  gradeCard,
  gradeQuestion,
  isGrade,
  newCard,
  previewGrades,
  questionSchedulerSettings,
  Rating,
  State,
  undoReview,
  type Card,
} from './scheduler';

const NO_FUZZ = { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false };
const T0 = new Date('2026-03-01T09:00:00Z');
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;

describe('gradeCard', () => {
  it('moves a new card through the learning steps 1m and 10m', () => {
    const f = createScheduler(NO_FUZZ);
    const again = gradeCard(f, null, T0, Rating.Again);
    expect(again.card.state).toBe(State.Learning);
    expect(again.card.due.getTime() - T0.getTime()).toBe(minutes(1));
    const good = gradeCard(f, null, T0, Rating.Good);
    expect(good.card.state).toBe(State.Learning);
    expect(good.card.due.getTime() - T0.getTime()).toBe(minutes(10));
    expect(good.log.state).toBe(State.New);
    expect(good.log.rating).toBe(Rating.Good);
  });

  it('graduates to review after the last step and lapses on Again', () => {
    const f = createScheduler(NO_FUZZ);
    let card = gradeCard(f, null, T0, Rating.Good).card;
    const t1 = new Date(T0.getTime() + minutes(10));
    card = gradeCard(f, card, t1, Rating.Good).card;
    expect(card.state).toBe(State.Review);
    expect(card.scheduled_days).toBeGreaterThanOrEqual(1);
    const t2 = card.due;
    const lapsed = gradeCard(f, card, t2, Rating.Again).card;
    expect(lapsed.state).toBe(State.Relearning);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.due.getTime() - t2.getTime()).toBe(minutes(10));
  });

  it('is deterministic with fuzz off: the same history gives the same card', () => {
    const run = () => {
      const f = createScheduler(NO_FUZZ);
      let card: Card | null = null;
      let t = T0;
      for (const r of [Rating.Good, Rating.Good, Rating.Hard, Rating.Easy, Rating.Again, Rating.Good] as const) {
        card = gradeCard(f, card, t, r).card;
        t = new Date(card.due.getTime());
      }
      return card;
    };
    expect(run()).toEqual(run());
  });

  it('gives shorter intervals for a higher desired retention', () => {
    const base = gradeCard(createScheduler(NO_FUZZ), gradeCard(createScheduler(NO_FUZZ), null, T0, Rating.Good).card, new Date(T0.getTime() + minutes(10)), Rating.Good).card;
    const later = new Date(base.due.getTime());
    const high = gradeCard(createScheduler({ ...NO_FUZZ, desiredRetention: 0.97 }), base, later, Rating.Good).card;
    const low = gradeCard(createScheduler({ ...NO_FUZZ, desiredRetention: 0.8 }), base, later, Rating.Good).card;
    expect(high.scheduled_days).toBeLessThan(low.scheduled_days);
  });
});

describe('undoReview', () => {
  it('restores a review card exactly, including its old due date', () => {
    const f = createScheduler(NO_FUZZ);
    let card = gradeCard(f, null, T0, Rating.Good).card;
    card = gradeCard(f, card, new Date(T0.getTime() + minutes(10)), Rating.Good).card;
    const before = { ...card };
    const reviewedAt = new Date(card.due.getTime() + days(2)); // reviewed late
    const { card: after, log } = gradeCard(f, card, reviewedAt, Rating.Hard);
    expect(after).not.toEqual(before);
    expect(undoReview(f, after, log, before.due)).toEqual(before);
  });

  it('agrees with ts-fsrs rollback on every field rollback restores', () => {
    const f = createScheduler(NO_FUZZ);
    let card = gradeCard(f, null, T0, Rating.Easy).card;
    const { card: after, log } = gradeCard(f, card, new Date(card.due.getTime()), Rating.Again);
    const viaRollback = f.rollback(after, log);
    const ours = undoReview(f, after, log, card.due);
    expect({ ...ours, due: null }).toEqual({ ...viaRollback, due: null });
    expect(ours.due).toEqual(card.due);
    card = ours;
    expect(card.state).toBe(State.Review);
  });
});

describe('previewGrades', () => {
  it('labels each grade with the interval it gives a new card', () => {
    const p = previewGrades(createScheduler(NO_FUZZ), newCard(T0), T0);
    expect(p[Rating.Again]).toEqual({ label: '1m', inMs: minutes(1), state: State.Learning });
    expect(p[Rating.Hard]).toEqual({ label: '6m', inMs: minutes(6), state: State.Learning });
    expect(p[Rating.Good]).toEqual({ label: '10m', inMs: minutes(10), state: State.Learning });
    expect(p[Rating.Easy].label).toMatch(/^\d+d$/);
    expect(p[Rating.Easy].state).toBe(State.Review);
  });
});

describe('formatInterval', () => {
  it.each([
    [30_000, '30s'],
    [minutes(10), '10m'],
    [minutes(90), '2h'],
    [days(8), '8d'],
    [days(75), '2.5mo'],
    [days(365 * 1.2), '1.2y'],
  ])('%i ms -> %s', (ms, label) => expect(formatInterval(ms)).toBe(label));
});

describe('isGrade', () => {
  it('accepts 1-4 only', () => {
    expect([0, 1, 2, 3, 4, 5, 7].map(isGrade)).toEqual([false, true, true, true, true, false, false]);
  });
});

describe('questions skip the learning steps', () => {
  const noFuzz = { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false };
  const q = createScheduler(questionSchedulerSettings(noFuzz));
  const t = new Date('2026-03-02T09:00:00Z');

  it('a new question answered right or wrong goes to review a day or more ahead', () => {
    for (const rating of [Rating.Again, Rating.Good] as const) {
      const { card } = gradeQuestion(q, null, t, rating, new Date('2026-03-03T04:00:00Z'));
      expect(card.state).toBe(State.Review);
      expect(card.due.getTime() - t.getTime()).toBeGreaterThanOrEqual(86_400_000);
    }
  });

  it('a lapse skips relearning steps, and flashcards keep their steps', () => {
    const first = gradeQuestion(q, null, t, Rating.Good, new Date('2026-03-03T04:00:00Z')).card;
    const later = new Date(first.due);
    const lapse = gradeQuestion(q, first, later, Rating.Again, new Date(later.getTime() + 3_600_000)).card;
    expect(lapse.state).toBe(State.Review);
    expect(lapse.lapses).toBe(1);
    const flash = gradeCard(createScheduler(noFuzz), null, t, Rating.Again).card;
    expect(flash.state).toBe(State.Learning);
  });

  it('is never due before the next study day, even when 24 hours would fall inside today (a 25-hour DST day)', () => {
    const nextDay = new Date(t.getTime() + 25 * 3_600_000);
    const { card } = gradeQuestion(q, null, t, Rating.Again, nextDay);
    expect(card.due).toEqual(nextDay);
  });
});

describe('maximum interval', () => {
  // The reference case: maximum 100 days; Easy, Good, Easy, Good, each at the due time.
  const run = (fuzz: boolean) => {
    const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz, maximumInterval: 100 });
    let card: Card | null = null;
    let t = T0;
    const intervals: number[] = [];
    for (const r of [Rating.Easy, Rating.Good, Rating.Easy, Rating.Good] as const) {
      card = gradeCard(f, card, t, r).card;
      intervals.push((card.due.getTime() - t.getTime()) / days(1));
      expect(card.scheduled_days).toBeLessThanOrEqual(100);
      t = card.due;
    }
    return intervals;
  };

  it.each([false, true])('holds for every review of the reference case (fuzz %s)', (fuzz) => {
    const intervals = run(fuzz);
    for (const i of intervals) expect(i).toBeLessThanOrEqual(100);
    expect(intervals.at(-1)).toBe(100);
  });

  it('holds for every grade of a card at the cap, which may then share it', () => {
    const f = createScheduler({ ...NO_FUZZ, maximumInterval: 100 });
    let card: Card | null = null;
    let t = T0;
    for (const r of [Rating.Easy, Rating.Good, Rating.Easy] as const) {
      card = gradeCard(f, card, t, r).card;
      t = card.due;
    }
    const next = [Rating.Hard, Rating.Good, Rating.Easy].map((r) => gradeCard(f, card, t, r as 2 | 3 | 4).card.scheduled_days);
    expect(Math.max(...next)).toBe(100);
    expect(next[1]).toBe(100);
    expect(next[2]).toBe(100);
    expect(previewGrades(f, card, t)[Rating.Easy].label).toBe('3.3mo');
  });

  it('keeps undo exact when the cap binds', () => {
    const f = createScheduler({ ...NO_FUZZ, maximumInterval: 100 });
    let card = gradeCard(f, null, T0, Rating.Easy).card;
    card = gradeCard(f, card, card.due, Rating.Easy).card;
    const before = { ...card };
    const { card: after, log } = gradeCard(f, card, card.due, Rating.Easy);
    expect(after.scheduled_days).toBe(100);
    expect(undoReview(f, after, log, before.due)).toEqual(before);
  });
});
