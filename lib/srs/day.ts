/**
 * The study day. "Today" is the learner's calendar day in their timezone, shifted so that
 * it begins at `dayStartHour` local time (4 am by default, so a late-night session still
 * counts for the evening it started in). Limits, streaks and the heatmap all use this.
 */

export interface DayConfig {
  timezone: string;
  dayStartHour: number;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function isValidTimezone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: Date, timezone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Offset of `timezone` from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timezone: string): number {
  const w = wallClock(new Date(instant), timezone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock in `timezone` shows the given local time. */
export function zonedToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  timezone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  // The offset before and after a possible DST change give two candidates. Keep the ones
  // whose wall clock really shows the requested time (both, in a fall-back overlap: take
  // the earlier); in a spring-forward gap neither does, and the first instant after it wins.
  const first = guess - offsetAt(guess, timezone);
  const second = guess - offsetAt(first, timezone);
  const shows = (t: number) => {
    const w = wallClock(new Date(t), timezone);
    return w.year === year && w.month === month && w.day === day && w.hour === hour;
  };
  const valid = [first, second].filter(shows);
  return new Date(valid.length ? Math.min(...valid) : Math.max(first, second));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// Grading calls addDays for every day of a card's fuzz range and of the learner's load:
// day keys and day numbers are kept (bounded) instead of parsed and formatted each time.
const dayNumbers = new Map<string, number>();
const dayKeys = new Map<number, string>();
const MEMO_LIMIT = 50_000;

/** Days since 1970-01-01 of a YYYY-MM-DD key (out-of-range parts roll over, as Date.UTC does). */
export function dayNumberOf(dayKey: string): number {
  let n = dayNumbers.get(dayKey);
  if (n === undefined) {
    const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
    n = Date.UTC(y, m - 1, d) / 86_400_000;
    if (dayNumbers.size >= MEMO_LIMIT) dayNumbers.clear();
    dayNumbers.set(dayKey, n);
  }
  return n;
}

/** The YYYY-MM-DD key of a day number. */
export function dayKeyOf(dayNumber: number): string {
  let key = dayKeys.get(dayNumber);
  if (key === undefined) {
    const t = new Date(dayNumber * 86_400_000);
    key = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
    if (dayKeys.size >= MEMO_LIMIT) dayKeys.clear();
    dayKeys.set(dayNumber, key);
  }
  return key;
}

/** Adds whole days to a YYYY-MM-DD key (calendar arithmetic, no timezone involved). */
export function addDays(dayKey: string, days: number): string {
  const n = dayNumberOf(dayKey);
  // A key that is not a calendar date (NaN) formats as before: through Date.
  return Number.isNaN(n) ? legacyAddDays(dayKey, days) : dayKeyOf(n + days);
}

function legacyAddDays(dayKey: string, days: number): string {
  const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The study day (YYYY-MM-DD) that `instant` belongs to. */
export function studyDay(instant: Date, config: DayConfig): string {
  const w = wallClock(instant, config.timezone);
  const key = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return w.hour < config.dayStartHour ? addDays(key, -1) : key;
}

/** When the study day `dayKey` begins. */
export function dayStartInstant(dayKey: string, config: DayConfig): Date {
  const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
  return zonedToInstant(y, m, d, config.dayStartHour, config.timezone);
}

/** The last study day computed per timezone and day start: every request asks for today's. */
const todayCache = new Map<string, { day: string; start: number; end: number }>();

/** The start and end (exclusive) of the study day containing `instant`. */
export function studyDayBounds(instant: Date, config: DayConfig): { day: string; start: Date; end: Date } {
  const key = `${config.timezone}|${config.dayStartHour}`;
  const t = instant.getTime();
  const cached = todayCache.get(key);
  if (cached && t >= cached.start && t < cached.end) return { day: cached.day, start: new Date(cached.start), end: new Date(cached.end) };
  const day = studyDay(instant, config);
  const start = dayStartInstant(day, config);
  const end = dayStartInstant(addDays(day, 1), config);
  // Kept only when the whole range belongs to the day (see studyDayKeyer).
  if (t >= start.getTime() && t < end.getTime() && studyDay(start, config) === day && studyDay(new Date(end.getTime() - 1), config) === day) {
    if (todayCache.size > 1000) todayCache.clear();
    todayCache.set(key, { day, start: start.getTime(), end: end.getTime() });
  }
  return { day, start, end };
}

/**
 * Consecutive study days with at least one review, ending today, or yesterday when the
 * learner has not studied yet today (the streak is still alive until the day ends).
 */
export function currentStreak(reviewDays: Iterable<string>, today: string): number {
  const days = new Set(reviewDays);
  let cursor = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(cursor)) {
    streak += 1;
    cursor = addDays(cursor, -1);
  }
  return streak;
}

interface DayRange {
  start: number;
  end: number;
  day: string;
}
/** Study-day ranges by UTC day number, per `timezone|dayStartHour` (bounded: about 30 years of days). */
const sharedRanges = new Map<string, Map<number, DayRange[]>>();
const RANGES_LIMIT = 12_000;

/**
 * `studyDay` for many instants: each study day's bounds are computed once (a few timezone
 * lookups) and every instant inside them gets its day from a comparison, instead of one
 * `Intl` call per instant. Give it the instants in any order; sorted ones hit the last day.
 * It assumes a day's wall clock never steps back across the day-start hour inside the day (a
 * one-hour fall-back, 1:59 → 1:00, stays within its hour); studyDay is exact everywhere.
 */
export function studyDayKeyer(config: DayConfig): (instant: Date) => string {
  // Ranges by the UTC days they overlap (a study day overlaps two or three), kept for the
  // process per timezone and day start: a day's bounds never change, so each is computed once
  // (not once per request that buckets a year of reviews).
  const configKey = `${config.timezone}|${config.dayStartHour}`;
  let byUtcDay = sharedRanges.get(configKey);
  if (!byUtcDay || byUtcDay.size > RANGES_LIMIT) {
    if (sharedRanges.size > 100) sharedRanges.clear();
    byUtcDay = new Map<number, DayRange[]>();
    sharedRanges.set(configKey, byUtcDay);
  }
  const ranges = byUtcDay;
  let last: DayRange | null = null;
  return (instant: Date) => {
    const t = instant.getTime();
    if (last && t >= last.start && t < last.end) return last.day;
    const k = Math.floor(t / 86_400_000);
    for (const r of ranges.get(k) ?? []) {
      if (t >= r.start && t < r.end) {
        last = r;
        return r.day;
      }
    }
    const day = studyDay(instant, config);
    // The day after the last one starts where it ended (already checked): one bound to compute.
    const start = last && day === addDays(last.day, 1) ? new Date(last.end) : dayStartInstant(day, config);
    const end = dayStartInstant(addDays(day, 1), config);
    const range = { start: start.getTime(), end: end.getTime(), day };
    // Only a range that holds the instant and whose first and last instants belong to its day
    // is kept: where a DST gap is not on the hour (Chatham) the computed start is off, and
    // those days are looked up instant by instant.
    if (!(t >= range.start && t < range.end) || (!last || last.end !== range.start ? studyDay(start, config) !== day : false) || studyDay(new Date(range.end - 1), config) !== day) return day;
    for (let u = Math.floor(range.start / 86_400_000); u <= Math.floor((range.end - 1) / 86_400_000); u++) {
      const list = ranges.get(u);
      if (list) {
        if (!list.some((r) => r.start === range.start && r.end === range.end)) list.push(range);
      } else ranges.set(u, [range]);
    }
    last = range;
    return day;
  };
}
