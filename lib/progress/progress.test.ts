import { describe, expect, it } from 'vitest';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCard, Rating, State, type Card } from '@/lib/srs/scheduler';
import { cardRetrievability, mastery } from './mastery';
import { expectedRetention, planPace } from './plan';
import { cardsByState, forecast, heatmap, longestStreak, perDay, trueRetention, type LogPoint } from './stats';
import { nextStep, pathSteps, stepDone, stepTodo, type TopicFacts } from './steps';

const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
const UTC4 = { timezone: 'UTC', dayStartHour: 4 };
const T0 = new Date('2026-07-01T12:00:00Z');
const day = (n: number) => n * 86_400_000;

function reviewCard(): Card {
  let c = gradeCard(f, null, T0, Rating.Good).card;
  c = gradeCard(f, c, new Date(T0.getTime() + 600_000), Rating.Good).card;
  return c;
}

describe('steps', () => {
  const facts = (over: Partial<TopicFacts>): TopicFacts => ({
    read: true,
    hasQuiz: true,
    quizPassed: true,
    cardsTotal: 10,
    cardsIntroduced: 10,
    mastery: 0.5,
    ...over,
  });
  it('is done only when read, quiz passed and every card introduced', () => {
    expect(stepDone(facts({}))).toBe(true);
    expect(stepDone(facts({ read: false }))).toBe(false);
    expect(stepDone(facts({ quizPassed: false }))).toBe(false);
    expect(stepDone(facts({ cardsIntroduced: 9 }))).toBe(false);
    expect(stepDone(facts({ hasQuiz: false, quizPassed: false }))).toBe(true);
  });
  it('names what is left, in order', () => {
    expect(stepTodo(facts({ read: false, quizPassed: false }))).toBe('read');
    expect(stepTodo(facts({ quizPassed: false, cardsIntroduced: 0 }))).toBe('quiz');
    expect(stepTodo(facts({ cardsIntroduced: 3 }))).toBe('cards');
    expect(stepTodo(facts({}))).toBe('done');
  });
  it('continues at the first unfinished step, anchors kept', () => {
    const steps = pathSteps({
      id: 'advanced',
      title: 'A',
      audience: 'x',
      stages: [
        { title: 'One', patterns: ['sharding', 'geo-replication'] },
        { title: 'Two', patterns: ['caching-strategies#cdn-strategies'] },
      ],
    });
    expect(steps.map((s) => [s.slug, s.anchor, s.stage])).toEqual([
      ['sharding', null, 'One'],
      ['geo-replication', null, 'One'],
      ['caching-strategies', 'cdn-strategies', 'Two'],
    ]);
    const done = new Set(['sharding', 'geo-replication']);
    expect(nextStep(steps, (s) => facts({ read: done.has(s) }))?.slug).toBe('caching-strategies');
    expect(nextStep(steps, () => facts({}))).toBeNull();
  });
});

describe('mastery', () => {
  it('is the mean retrievability now, with unstudied cards at 0', () => {
    const c = reviewCard();
    const at = new Date(c.due.getTime());
    const r = cardRetrievability(f, c, at);
    expect(r).toBeGreaterThan(0.85);
    expect(r).toBeLessThan(0.95);
    expect(mastery(f, [c, null, newCard(T0)], at)).toBeCloseTo(r / 3, 10);
  });
  it('decays when reviews stop', () => {
    const c = reviewCard();
    const soon = mastery(f, [c], new Date(c.due.getTime()));
    const later = mastery(f, [c], new Date(c.due.getTime() + day(60)));
    expect(later).toBeLessThan(soon);
  });
});

describe('stats', () => {
  const log = (iso: string, rating = Rating.Good, state = State.Review, scheduledDays = 5, durationMs = 1000): LogPoint => ({
    review: new Date(iso),
    rating,
    state,
    scheduledDays,
    durationMs,
  });
  it('counts reviews and time per study day, before 4 am counting for the day before', () => {
    const m = perDay([log('2026-07-01T10:00:00Z'), log('2026-07-02T03:00:00Z'), log('2026-07-02T05:00:00Z', 3, 2, 5, 4000)], UTC4);
    expect(m.get('2026-07-01')).toEqual({ count: 2, ms: 2000 });
    expect(m.get('2026-07-02')).toEqual({ count: 1, ms: 4000 });
  });
  it('lays out a heatmap ending today with empty days as zero', () => {
    const h = heatmap(new Map([['2026-07-01', { count: 4 }]]), '2026-07-03', 5);
    expect(h).toEqual([
      { day: '2026-06-29', count: 0 },
      { day: '2026-06-30', count: 0 },
      { day: '2026-07-01', count: 4 },
      { day: '2026-07-02', count: 0 },
      { day: '2026-07-03', count: 0 },
    ]);
  });
  it('forecasts due cards per day, overdue in today, new and suspended left out', () => {
    const cards = [
      { due: new Date('2026-06-20T10:00:00Z'), state: State.Review, suspended: false },
      { due: new Date('2026-07-03T10:00:00Z'), state: State.Review, suspended: false },
      { due: new Date('2026-07-04T02:00:00Z'), state: State.Learning, suspended: false },
      { due: new Date('2026-07-05T10:00:00Z'), state: State.Review, suspended: false },
      { due: new Date('2026-07-05T10:00:00Z'), state: State.Review, suspended: true },
      { due: new Date('2026-07-05T10:00:00Z'), state: State.New, suspended: false },
      { due: new Date('2026-09-05T10:00:00Z'), state: State.Review, suspended: false },
    ];
    expect(forecast(cards, '2026-07-03', UTC4, 3)).toEqual([
      { day: '2026-07-03', count: 3 },
      { day: '2026-07-04', count: 0 },
      { day: '2026-07-05', count: 1 },
    ]);
  });
  it('measures true retention on review-state cards, young and mature apart', () => {
    const since = new Date('2026-06-01T00:00:00Z');
    const r = trueRetention(
      [
        log('2026-06-10T10:00:00Z', Rating.Good, State.Review, 3),
        log('2026-06-11T10:00:00Z', Rating.Again, State.Review, 10),
        log('2026-06-12T10:00:00Z', Rating.Hard, State.Review, 30),
        log('2026-06-13T10:00:00Z', Rating.Again, State.Learning, 0),
        log('2026-05-13T10:00:00Z', Rating.Again, State.Review, 30),
      ],
      since,
    );
    expect(r.young).toEqual({ passed: 1, total: 2, rate: 0.5 });
    expect(r.mature).toEqual({ passed: 1, total: 1, rate: 1 });
  });
  it('finds the longest streak', () => {
    expect(longestStreak(['2026-01-01', '2026-01-02', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-05'])).toBe(3);
    expect(longestStreak([])).toBe(0);
  });
  it('counts cards by state, unstarted cards as new', () => {
    expect(cardsByState([State.Learning, State.Review, State.Review, State.Relearning, State.New], 10)).toEqual({
      new: 6,
      learning: 1,
      review: 2,
      relearning: 1,
    });
  });
});

describe('plan', () => {
  it('divides the remaining cards over the days left', () => {
    expect(planPace({ today: '2026-07-01', targetDate: '2026-07-11', remaining: 95, newPerDay: 20, newToday: 0 })).toEqual({
      daysLeft: 10,
      neededPerDay: 10,
      enough: true,
      finishDay: '2026-07-05',
    });
  });
  it('says when the daily limit is not enough', () => {
    const p = planPace({ today: '2026-07-01', targetDate: '2026-07-05', remaining: 100, newPerDay: 20, newToday: 20 });
    expect(p).toEqual({ daysLeft: 4, neededPerDay: 25, enough: false, finishDay: '2026-07-06' });
  });
  it('handles nothing left and a target of today', () => {
    expect(planPace({ today: '2026-07-01', targetDate: '2026-07-20', remaining: 0, newPerDay: 20, newToday: 0 }).enough).toBe(true);
    expect(planPace({ today: '2026-07-01', targetDate: '2026-07-01', remaining: 5, newPerDay: 20, newToday: 0 })).toMatchObject({
      daysLeft: 0,
      neededPerDay: 5,
      enough: false,
    });
  });
  it('expects high retention when everything is introduced early, and less when the pace is too slow', () => {
    const input = { today: '2026-07-01', targetDate: '2026-08-01', newToday: 0, day: UTC4, now: T0 };
    const early = expectedRetention(f, Array(20).fill(null), { ...input, newPerDay: 20 });
    const slow = expectedRetention(f, Array(20).fill(null), { ...input, newPerDay: 0 });
    expect(early).toBeGreaterThan(0.85);
    expect(early).toBeLessThanOrEqual(1);
    expect(slow).toBe(0);
    const half = expectedRetention(f, Array(20).fill(null), { ...input, targetDate: '2026-07-02', newPerDay: 10 });
    expect(half).toBeGreaterThan(0.35);
    expect(half).toBeLessThan(0.55);
  });
});
