import { describe, expect, it } from 'vitest';
import { balancedInterval, dueCountsByDay, NORMAL_WEEK, weekday, weekForecast, type Workload } from './balance';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, gradeOutcomes, Rating, type Card } from './scheduler';
import { addDays } from './day';

const T0 = new Date('2026-03-02T09:00:00Z'); // a Monday
const TODAY = '2026-03-02';

function workload(due: Record<number, number>, easyDays: readonly number[] = NORMAL_WEEK): Workload {
  return { today: TODAY, due: new Map(Object.entries(due).map(([k, v]) => [addDays(TODAY, Number(k)), v])), easyDays };
}

describe('weekday', () => {
  it('reads the weekday of a day key, Sunday 0', () => {
    expect(weekday('2026-03-01')).toBe(0);
    expect(weekday('2026-03-02')).toBe(1);
    expect(weekday('2026-03-07')).toBe(6);
  });
});

describe('dueCountsByDay', () => {
  it('counts due times per study day', () => {
    const counts = dueCountsByDay([new Date('2026-03-03T10:00:00Z'), new Date('2026-03-03T23:00:00Z'), new Date('2026-03-05T01:00:00Z')], (d) =>
      d.toISOString().slice(0, 10),
    );
    expect([...counts]).toEqual([
      ['2026-03-03', 2],
      ['2026-03-05', 1],
    ]);
  });
});

describe('balancedInterval', () => {
  // 20 days: ts-fsrs's fuzz range is 17 to 23 days.
  it('stays within the fuzz range and prefers the emptiest day', () => {
    const busy = { 17: 50, 18: 50, 19: 50, 20: 0, 21: 50, 22: 50, 23: 50 };
    const picks = Array.from({ length: 200 }, (_, i) => balancedInterval(20, 20, 36500, workload(busy), `seed-${i}`));
    for (const p of picks) {
      expect(p).toBeGreaterThanOrEqual(17);
      expect(p).toBeLessThanOrEqual(23);
    }
    expect(picks.filter((p) => p === 20).length).toBeGreaterThan(190);
  });

  it('is deterministic for the same seed and workload', () => {
    const w = workload({ 18: 3, 19: 1, 20: 2, 21: 1, 22: 4 });
    expect(balancedInterval(20, 20, 36500, w, 'card-a')).toBe(balancedInterval(20, 20, 36500, w, 'card-a'));
  });

  it('spreads picks over equally loaded days', () => {
    const picks = new Set(Array.from({ length: 200 }, (_, i) => balancedInterval(20, 20, 36500, workload({}), `seed-${i}`)));
    expect([...picks].sort()).toEqual([17, 18, 19, 20, 21, 22, 23]);
  });

  it('never picks a 0% easy day while another day can take the card', () => {
    // Days 17-23 from Monday 2026-03-02 run Thu 19 to Wed 25 March, a weekend among them.
    const weekend = [0, 1, 1, 1, 1, 1, 0];
    const picks = Array.from({ length: 200 }, (_, i) => balancedInterval(20, 20, 36500, workload({}, weekend), `seed-${i}`));
    for (const p of picks) expect([0, 6]).not.toContain(weekday(addDays(TODAY, p)));
  });

  it('gives a 50% day about half the cards of a normal day as the load builds', () => {
    const half = [0.5, 1, 1, 1, 1, 1, 0.5];
    const due = new Map<string, number>();
    const w: Workload = { today: TODAY, due, easyDays: half };
    for (let i = 0; i < 700; i++) {
      const ivl = balancedInterval(20, 20, 36500, w, `card-${i}`);
      const key = addDays(TODAY, ivl);
      due.set(key, (due.get(key) ?? 0) + 1);
    }
    const sat = due.get('2026-03-21')!;
    const fri = due.get('2026-03-20')!;
    expect(sat / fri).toBeGreaterThan(0.35);
    expect(sat / fri).toBeLessThan(0.65);
  });

  it('falls back to ignoring easy days when every day in the range is 0%', () => {
    const none = [0, 0, 0, 0, 0, 0, 0];
    const ivl = balancedInterval(20, 20, 36500, workload({}, none), 'x');
    expect(ivl).toBeGreaterThanOrEqual(17);
    expect(ivl).toBeLessThanOrEqual(23);
  });

  it('leaves short intervals alone and never passes the maximum', () => {
    expect(balancedInterval(2, 2, 36500, workload({ 2: 99 }), 'x')).toBe(2);
    for (let i = 0; i < 50; i++) expect(balancedInterval(100, 100, 100, workload({}), `s${i}`)).toBeLessThanOrEqual(100);
  });

  it('respects a lower bound (grades stay in order)', () => {
    for (let i = 0; i < 50; i++) expect(balancedInterval(20, 20, 36500, workload({ 21: 90, 22: 90, 23: 90 }), `s${i}`, 21)).toBeGreaterThanOrEqual(21);
  });
});

describe('gradeCard with a workload', () => {
  const f = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
  const reviewCard = (): Card => {
    let card = gradeCard(f, null, T0, Rating.Good).card;
    card = gradeCard(f, card, new Date(T0.getTime() + 600_000), Rating.Good).card;
    return gradeCard(f, card, card.due, Rating.Good).card;
  };

  it('moves the review to the lighter day within the fuzz range, deterministically', () => {
    const card = reviewCard();
    const at = card.due;
    const today = at.toISOString().slice(0, 10);
    const plain = gradeCard(createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false }), card, at, Rating.Good).card.scheduled_days;
    expect(plain).toBeGreaterThan(5);
    // Every day busy except one day after the unfuzzed interval.
    const due = new Map<string, number>();
    for (let i = 1; i < plain * 2; i++) due.set(addDays(today, i), 100);
    due.set(addDays(today, plain + 1), 0);
    const w: Workload = { today, due, easyDays: NORMAL_WEEK };
    const a = gradeCard(f, card, at, Rating.Good, w).card;
    expect(a.scheduled_days).toBe(plain + 1);
    expect(a.due.getTime() - at.getTime()).toBe((plain + 1) * 86_400_000);
    expect(gradeCard(f, card, at, Rating.Good, w)).toEqual(gradeCard(f, card, at, Rating.Good, w));
  });

  it('keeps Hard <= Good <= Easy and does nothing with fuzz off', () => {
    const card = reviewCard();
    const today = card.due.toISOString().slice(0, 10);
    const w: Workload = { today, due: new Map(), easyDays: NORMAL_WEEK };
    const o = gradeOutcomes(f, card, card.due, w);
    expect(o[Rating.Hard].card.scheduled_days).toBeLessThanOrEqual(o[Rating.Good].card.scheduled_days);
    expect(o[Rating.Good].card.scheduled_days).toBeLessThanOrEqual(o[Rating.Easy].card.scheduled_days);
    const noFuzz = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    expect(gradeCard(noFuzz, card, card.due, Rating.Good, w)).toEqual(gradeCard(noFuzz, card, card.due, Rating.Good));
  });
});

describe('weekForecast', () => {
  it('moves a light day\'s share onto the other days, keeping the week\'s total', () => {
    expect(weekForecast(10, NORMAL_WEEK)).toEqual([10, 10, 10, 10, 10, 10, 10]);
    expect(weekForecast(10, [0, 1, 1, 1, 1, 1, 0])).toEqual([0, 14, 14, 14, 14, 14, 0]);
    const half = weekForecast(12, [0.5, 1, 1, 1, 1, 1, 0.5]);
    expect(half[0]! * 2).toBeCloseTo(half[1]!);
    expect(half.reduce((s, n) => s + n, 0)).toBeCloseTo(84);
  });
});

describe('weekday and addDays with kept day numbers', () => {
  it('agree with Date for every day of several years, across month and year ends', () => {
    for (let n = 0; n < 3 * 366; n++) {
      const d = new Date(Date.UTC(2025, 0, 1 + n));
      const key = d.toISOString().slice(0, 10);
      expect(weekday(key)).toBe(d.getUTCDay());
      for (const step of [-400, -31, -1, 0, 1, 29, 365]) expect(addDays(key, step)).toBe(new Date(d.getTime() + step * 86_400_000).toISOString().slice(0, 10));
    }
  });
});
