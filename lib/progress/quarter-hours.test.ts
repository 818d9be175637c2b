import { sqliteOf } from '@/lib/db/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { retentionCounts, reviewLogPoints, reviewQuarterHours } from '@/lib/db/progress';
import { currentStreak, studyDayBounds, studyDayKeyer } from '@/lib/srs/day';
import { perDay, perDayFromQuarterHours, retentionRates, trueRetention } from './stats';
import { loadStudyToday } from '@/lib/study/session';
import { readLibrary } from '@/lib/content/load';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { userSettings } from '@/lib/db/tables';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

/** A seeded pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const NOW = new Date('2026-11-02T12:00:00Z');

function insertLogs(user: string, times: number[], rnd: () => number) {
  const insert = sqliteOf(ctx.db).prepare(`insert into review_logs (id, user_id, item_id, rating, state, log_due, stability, difficulty, elapsed_days,
    last_elapsed_days, scheduled_days, learning_steps, review, had_state, duration_ms, source) values (?, ?, 'x', ?, ?, 0, 1, 5, 0, 0, ?, 0, ?, 1, ?, ?)`);
  sqliteOf(ctx.db).transaction(() => {
    times.forEach((t, i) => {
      const source = rnd() < 0.1 ? 'cram' : rnd() < 0.2 ? 'quiz' : 'review';
      insert.run(`log-${i}`, user, 1 + Math.floor(rnd() * 4), Math.floor(rnd() * 4), Math.floor(rnd() * 60), t, Math.floor(rnd() * 20_000), source);
    });
  })();
}

describe('the dashboard counted by SQLite, per quarter hour', () => {
  // Offsets of 45 minutes, half hours, DST both ways, and the date line.
  for (const timezone of ['Asia/Kathmandu', 'America/St_Johns', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC']) {
    it(`gives the same days, counts, time and retention as one log at a time (${timezone})`, async () => {
      const user = await ctx.learner();
      const rnd = random(timezone.length);
      // Two years of reviews, clustered in sessions, many near day boundaries.
      const times: number[] = [];
      for (let i = 0; i < 3000; i++) {
        const base = NOW.getTime() - Math.floor(rnd() * 730) * 86_400_000;
        times.push(base + Math.floor(rnd() * 24) * 3_600_000 + (rnd() < 0.5 ? Math.floor(rnd() * 120_000) - 60_000 : Math.floor(rnd() * 3_600_000)));
      }
      insertLogs(user, times, rnd);
      const config = { timezone, dayStartHour: 4 };
      const since = new Date(NOW.getTime() - 370 * 86_400_000);
      const byLog = perDay(await reviewLogPoints(ctx.db, user, since), config);
      const byQuarter = perDayFromQuarterHours(await reviewQuarterHours(ctx.db, user, since), config);
      expect(new Map([...byQuarter].sort())).toEqual(new Map([...byLog].sort()));
      const last30 = new Date(NOW.getTime() - 30 * 86_400_000);
      expect(retentionRates(await retentionCounts(ctx.db, user, last30))).toEqual(trueRetention(await reviewLogPoints(ctx.db, user, last30), last30));
    });
  }

  it('counts the streak as every review day would, stopping at the first gap', async () => {
    const user = await ctx.learner();
    await ctx.db.update(userSettings).set({ timezone: 'Asia/Kathmandu' }).where(eq(userSettings.userId, user));
    const config = { timezone: 'Asia/Kathmandu', dayStartHour: 4 };
    const { start } = studyDayBounds(NOW, config);
    const day = 86_400_000;
    // Yesterday back 12 days (today has nothing yet), a gap, then older days.
    const times = [...Array.from({ length: 12 }, (_, i) => start.getTime() - i * day - 1_000), start.getTime() - 20 * day, start.getTime() - 21 * day];
    insertLogs(user, times, random(3));
    sqliteOf(ctx.db).prepare("update review_logs set source = 'review' where user_id = ?").run(user);
    const dayOf = studyDayKeyer(config);
    const reviewDays = (sqliteOf(ctx.db).prepare('select review from review_logs where user_id = ?').pluck().all(user) as number[]).map((t) => dayOf(new Date(t)));
    const expected = currentStreak(reviewDays, studyDayBounds(NOW, config).day);
    expect(expected).toBe(12);
    expect((await loadStudyToday(ctx.db, library, user, NOW)).streak).toBe(expected);
  });
});
