import { describe, expect, it } from 'vitest';
import { createEmptyCard } from 'ts-fsrs';
import { keepsDueDay, replayHistory, reviewsPerCardPerDay } from './reschedule';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating, type Card, type Grade } from './scheduler';
import { settingsForm } from './settings';

const T0 = new Date('2026-02-01T08:00:00Z');
const history: { rating: Grade; review: Date }[] = [
  { rating: Rating.Good, review: T0 },
  { rating: Rating.Good, review: new Date(T0.getTime() + 10 * 60_000) },
  { rating: Rating.Hard, review: new Date(T0.getTime() + 3 * 86_400_000) },
  { rating: Rating.Again, review: new Date(T0.getTime() + 9 * 86_400_000) },
  { rating: Rating.Good, review: new Date(T0.getTime() + 9 * 86_400_000 + 600_000) },
  { rating: Rating.Easy, review: new Date(T0.getTime() + 20 * 86_400_000) },
];

describe('replayHistory', () => {
  it('equals a direct ts-fsrs reschedule of the same history', () => {
    for (const settings of [
      { ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false },
      { ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: 0.8, fuzz: true },
    ]) {
      const f = createScheduler(settings);
      const ours = replayHistory(f, history);
      const theirs = f.reschedule(createEmptyCard(T0), history, { first_card: createEmptyCard(T0), skipManual: true });
      expect(ours).toEqual(theirs.collections.at(-1)!.card);
    }
  });

  it('replays in time order whatever order the log comes in, and returns null without reviews', () => {
    const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    expect(replayHistory(f, [...history].reverse())).toEqual(replayHistory(f, history));
    expect(replayHistory(f, [])).toBeNull();
  });

  it('moves due dates when the desired retention changes', () => {
    const at90 = replayHistory(createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false }), history)!;
    const at80 = replayHistory(createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false, desiredRetention: 0.8 }), history)!;
    expect(at80.due.getTime()).toBeGreaterThan(at90.due.getTime());
  });
});

describe('keepsDueDay', () => {
  it('keeps a due day that balancing chose within the fuzz range, and only that', () => {
    const f = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    const card = replayHistory(f, history)!;
    const plain = replayHistory(createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false }), history)!;
    const dayAfter = (n: number) => new Date(card.last_review!.getTime() + n * 86_400_000);
    expect(keepsDueDay(f, history, card, card.due)).toBe(true);
    expect(keepsDueDay(f, history, card, dayAfter(plain.scheduled_days))).toBe(true);
    expect(keepsDueDay(f, history, card, dayAfter(plain.scheduled_days * 2))).toBe(false);
    expect(keepsDueDay(f, history, { ...card, stability: card.stability + 1 }, card.due)).toBe(false);
    // A higher retention shortens the interval: the old day is no longer in range.
    expect(keepsDueDay(createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: 0.97 }), history, card, card.due)).toBe(false);
  });
});

describe('fuzz', () => {
  it('is deterministic: the same card, history and settings give the same interval, in any process', () => {
    const run = () => {
      const f = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: true });
      let card: Card | null = null;
      let t = T0;
      for (const r of [Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good] as Grade[]) {
        card = gradeCard(f, card, t, r).card;
        t = card.due;
      }
      return card!;
    };
    const a = run();
    expect(run()).toEqual(a);
    // and it is really fuzzed: the unfuzzed schedule differs somewhere along the way
    const plain = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    let card: Card | null = null;
    let t = T0;
    for (let i = 0; i < 5; i++) {
      card = gradeCard(plain, card, t, Rating.Good).card;
      t = card.due;
    }
    expect(card!.scheduled_days).not.toBe(a.scheduled_days);
  });
});

describe('workload estimate', () => {
  it('costs more reviews per card at a higher desired retention', () => {
    const at = (r: number) => reviewsPerCardPerDay(createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: r, fuzz: false }), T0);
    expect(at(0.97)).toBeGreaterThan(at(0.9));
    expect(at(0.9)).toBeGreaterThan(at(0.8));
  });
});

describe('settings form validation', () => {
  const valid = {
    desiredRetention: '0.9',
    newPerDay: '20',
    maxReviewsPerDay: '200',
    learningSteps: '1m 10m',
    relearningSteps: '10m',
    timezone: 'Europe/Berlin',
    dayStartHour: '4',
    fuzz: 'on',
    maximumInterval: '36500',
    autoOptimize: 'on',
  };
  it('accepts valid input and parses steps and checkboxes', () => {
    const p = settingsForm.parse(valid);
    expect(p).toMatchObject({ desiredRetention: 0.9, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], fuzz: true, autoOptimize: true });
    expect(settingsForm.parse({ ...valid, fuzz: undefined, learningSteps: '' })).toMatchObject({ fuzz: false, learningSteps: [] });
  });
  it.each([
    ['desiredRetention', '0.69', 'at least 0.70'],
    ['desiredRetention', '0.995', 'at most 0.99'],
    ['desiredRetention', 'lots', 'must be a number'],
    ['newPerDay', '-1', 'cannot be negative'],
    ['maxReviewsPerDay', '0', 'at least 1'],
    ['learningSteps', '1 minute', 'like "1m 10m"'],
    ['timezone', 'Atlantis/Capital', 'from the list'],
    ['dayStartHour', '24', 'from 0 to 23'],
    ['maximumInterval', '0', 'at least 1 day'],
  ])('rejects %s = %s with a clear message', (field, value, message) => {
    const r = settingsForm.safeParse({ ...valid, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(message);
  });
});
