import { addDays, studyDayKeyer, type DayConfig } from '@/lib/srs/day';
import { Rating, State } from '@/lib/srs/scheduler';

export interface LogPoint {
  review: Date;
  rating: number;
  /** The card's state before the review. */
  state: number;
  /** The card's interval before the review, in days. */
  scheduledDays: number;
  durationMs: number;
}

export interface DayCount {
  day: string;
  count: number;
}

/** Reviews and time studied per study day. */
export function perDay(logs: LogPoint[], config: DayConfig): Map<string, { count: number; ms: number }> {
  const out = new Map<string, { count: number; ms: number }>();
  // Day bounds once per day, not a timezone lookup per log.
  const dayOf = studyDayKeyer(config);
  for (const l of logs) {
    const d = dayOf(l.review);
    const cur = out.get(d) ?? { count: 0, ms: 0 };
    cur.count += 1;
    cur.ms += l.durationMs;
    out.set(d, cur);
  }
  return out;
}

/** perDay from reviews already counted per quarter hour (no quarter hour straddles two study days). */
export function perDayFromQuarterHours(buckets: { start: Date; count: number; ms: number }[], config: DayConfig): Map<string, { count: number; ms: number }> {
  const out = new Map<string, { count: number; ms: number }>();
  const dayOf = studyDayKeyer(config);
  for (const b of buckets) {
    const d = dayOf(b.start);
    const cur = out.get(d);
    if (cur) {
      cur.count += b.count;
      cur.ms += b.ms;
    } else out.set(d, { count: b.count, ms: b.ms });
  }
  return out;
}

/** The last `days` study days ending today, oldest first, with their review counts (0 when none). */
export function heatmap(counts: Map<string, { count: number }>, today: string, days = 365): DayCount[] {
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1);
    return { day, count: counts.get(day)?.count ?? 0 };
  });
}

/** Started, unsuspended cards due on each of the next `days` study days; overdue cards count today. */
export function forecast(cards: { due: Date; state: number; suspended: boolean }[], today: string, config: DayConfig, days = 30): DayCount[] {
  const out = Array.from({ length: days }, (_, i) => ({ day: addDays(today, i), count: 0 }));
  const index = new Map(out.map((d, i) => [d.day, i]));
  const dayOf = studyDayKeyer(config);
  for (const c of cards) {
    if (c.suspended || c.state === State.New) continue;
    const d = dayOf(c.due);
    const i = d < today ? 0 : index.get(d);
    if (i !== undefined) out[i]!.count += 1;
  }
  return out;
}

export interface Retention {
  passed: number;
  total: number;
  /** null when there were no reviews to measure. */
  rate: number | null;
}

/**
 * True retention: the share of reviews of cards in the review state that were not rated
 * Again. Young cards had an interval under 21 days before the review; mature, 21 or more.
 */
export function trueRetention(logs: LogPoint[], since: Date): { young: Retention; mature: Retention } {
  const young = { passed: 0, total: 0 };
  const mature = { passed: 0, total: 0 };
  for (const l of logs) {
    if (l.review < since || l.state !== State.Review) continue;
    const bucket = l.scheduledDays < 21 ? young : mature;
    bucket.total += 1;
    if (l.rating !== Rating.Again) bucket.passed += 1;
  }
  const rate = (b: { passed: number; total: number }): Retention => ({ ...b, rate: b.total ? b.passed / b.total : null });
  return { young: rate(young), mature: rate(mature) };
}

/** Retention rates from counts (trueRetention's result from retentionCounts in lib/db/progress.ts). */
export function retentionRates(counts: { young: { passed: number; total: number }; mature: { passed: number; total: number } }): { young: Retention; mature: Retention } {
  const rate = (b: { passed: number; total: number }): Retention => ({ ...b, rate: b.total ? b.passed / b.total : null });
  return { young: rate(counts.young), mature: rate(counts.mature) };
}

/** The longest run of consecutive study days with at least one review. */
export function longestStreak(days: Iterable<string>): number {
  const sorted = [...new Set(days)].sort();
  let best = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of sorted) {
    run = prev !== null && addDays(prev, 1) === d ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  return best;
}

export function cardsByState(states: number[], totalCards: number): { new: number; learning: number; review: number; relearning: number } {
  const started = { learning: 0, review: 0, relearning: 0, newStarted: 0 };
  for (const s of states) {
    if (s === State.Learning) started.learning += 1;
    else if (s === State.Review) started.review += 1;
    else if (s === State.Relearning) started.relearning += 1;
    else started.newStarted += 1;
  }
  const begun = started.learning + started.review + started.relearning;
  return { new: Math.max(0, totalCards - begun), learning: started.learning, review: started.review, relearning: started.relearning };
}
