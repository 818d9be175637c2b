import { get_fuzz_range } from 'ts-fsrs';
import { hashSeed, prng } from '@/lib/quiz/shuffle';
import { addDays, dayNumberOf } from './day';

/**
 * What load balancing needs to know about the learner's days: review cards already due on
 * each study day, and how much of a normal day's load each weekday should carry.
 */
export interface Workload {
  /** The study day (YYYY-MM-DD) of the review being scheduled. */
  today: string;
  /** Review cards due on each study day. */
  due: ReadonlyMap<string, number>;
  /** Load fraction per weekday, Sunday first: 1 a normal day, 0.5 half, 0 none. */
  easyDays: readonly number[];
}

export const NORMAL_WEEK: readonly number[] = [1, 1, 1, 1, 1, 1, 1];

/** The weekday (0 Sunday … 6 Saturday) of a YYYY-MM-DD key. */
export function weekday(dayKey: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumberOf(dayKey) + 4) % 7) + 7) % 7;
}

/** Review cards due per study day, from their due times (the day of each through `dayOf`). */
export function dueCountsByDay(dues: Iterable<Date>, dayOf: (instant: Date) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of dues) {
    const key = dayOf(d);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * How strongly balancing prefers the shorter days of a range (weight ∝ 1 / days^SHORTER_BIAS).
 * The days further out always have fewer reviews due yet (not everything is scheduled that
 * far), so load alone drifts intervals longer and retention down; with 4 the simulated
 * learner's true retention does not fall (npm run bench, docs/decisions/009).
 */
export const SHORTER_BIAS = 4;

/**
 * Chooses an interval within the fuzz range of `interval` (ts-fsrs's range, so balancing
 * never moves a card further than fuzz would), preferring days with fewer reviews due and
 * honouring easy days. Each day's weight is (fraction / (due + 1))² / days⁴: a day at half
 * load counts as twice as busy, a day at 0% is never chosen while another day in the range
 * can take the card, and shorter intervals are preferred so retention does not fall. The pick is a weighted draw seeded by `seed` (the card and its history), so the
 * same card, history and workload always give the same day. `atLeast` keeps the grades in
 * order (Easy never before Good). See docs/decisions/009.
 */
export function balancedInterval(
  interval: number,
  elapsedDays: number,
  maximumInterval: number,
  workload: Workload,
  seed: string,
  atLeast = 1,
): number {
  if (interval < 2.5) return Math.min(Math.round(interval), maximumInterval);
  const range = get_fuzz_range(interval, elapsedDays, maximumInterval);
  const lo = Math.min(Math.max(range.min_ivl, atLeast), range.max_ivl);
  const hi = range.max_ivl;
  const days: { ivl: number; load: number; fraction: number }[] = [];
  for (let ivl = lo; ivl <= hi; ivl++) {
    const key = addDays(workload.today, ivl);
    days.push({ ivl, load: workload.due.get(key) ?? 0, fraction: workload.easyDays[weekday(key)] ?? 1 });
  }
  const weight = (d: (typeof days)[number], fraction: number) => (fraction / (d.load + 1)) ** 2 / d.ivl ** SHORTER_BIAS;
  let weights = days.map((d) => weight(d, d.fraction));
  // Every day in the range is a 0% day: balance as if there were no easy days.
  if (weights.every((w) => w === 0)) weights = days.map((d) => weight(d, 1));
  const total = weights.reduce((s, w) => s + w, 0);
  let r = prng(hashSeed(seed))() * total;
  for (let i = 0; i < days.length; i++) {
    r -= weights[i]!;
    if (r < 0) return days[i]!.ivl;
  }
  return days[days.length - 1]!.ivl;
}

/**
 * The week load balancing aims for: `perDay` reviews a day on average, spread over the
 * weekdays in proportion to their load fractions (Sunday first). Cards with intervals under
 * three days have no room to move, so real light days carry somewhat more than this.
 */
export function weekForecast(perDay: number, easyDays: readonly number[]): number[] {
  const total = easyDays.reduce((s, f) => s + f, 0);
  if (total <= 0) return easyDays.map(() => perDay);
  return easyDays.map((f) => (perDay * 7 * f) / total);
}
