import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { cardStates, reviewLogs, userSettings } from '@/lib/db/tables';
import { Rating, State } from '@/lib/srs/scheduler';
import { eq } from 'drizzle-orm';
import { dashboardStats, learnerProgress } from './progress';
import { loadStudyToday } from './session';

/**
 * A seeded learner: 120 study days of history in Berlin time with 2 x (d mod 4) reviews on the
 * day d days ago, every fifth review rated Again, intervals alternating young and mature.
 * Every expectation below is worked out from that rule, not by calling the code under test.
 */
const NOW = new Date('2026-07-15T10:00:00Z'); // 12:00 in Berlin (UTC+2): study day 2026-07-15
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
let userId: string;

interface Seeded {
  d: number;
  rating: number;
  scheduledDays: number;
}
const seeded: Seeded[] = [];

beforeAll(async () => {
  ctx = await freshDb();
  userId = await ctx.learner();
  await ctx.db.update(userSettings).set({ timezone: 'Europe/Berlin', dayStartHour: 4 }).where(eq(userSettings.userId, userId));
  let k = 0;
  for (let d = 119; d >= 0; d--) {
    for (let j = 0; j < 2 * (d % 4); j++) {
      // 09:00 Berlin + j minutes on the day d days ago (07:00Z in summer; the span stays in CEST).
      const review = new Date(NOW.getTime() - d * DAY - 3 * HOUR + j * 60_000);
      const rating = k % 5 === 0 ? Rating.Again : Rating.Good;
      const scheduledDays = k % 2 === 0 ? 10 : 30;
      seeded.push({ d, rating, scheduledDays });
      await ctx.db
        .insert(reviewLogs)
        .values({
          id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
          userId,
          itemId: 'timeout/seeded',
          rating,
          state: State.Review,
          logDue: review,
          stability: 10,
          difficulty: 5,
          elapsedDays: scheduledDays,
          lastElapsedDays: scheduledDays,
          scheduledDays,
          learningSteps: 0,
          review,
          prevDue: review,
          hadState: true,
          durationMs: 45_000,
          source: 'review',
        });
      k++;
    }
  }
  // Card states: 10 review cards due today..today+9, 2 overdue, 1 suspended, 2 learning, 1 relearning.
  const ids = library.topics.get('timeout')!.cards.map((c) => c.id);
  const row = (i: number, state: number, due: Date, suspended = false) => ({
    userId,
    itemId: ids[i]!,
    topicId: 'timeout',
    kind: 'card' as const,
    due,
    stability: 20,
    difficulty: 5,
    elapsedDays: 5,
    scheduledDays: 5,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    state,
    lastReview: new Date(NOW.getTime() - 5 * DAY),
    suspended,
    createdAt: NOW,
    updatedAt: NOW,
  });
  for (let i = 0; i < 10; i++) await ctx.db.insert(cardStates).values(row(i, State.Review, new Date(NOW.getTime() + i * DAY)));
  await ctx.db.insert(cardStates).values(row(10, State.Review, new Date(NOW.getTime() - 3 * DAY)));
  await ctx.db.insert(cardStates).values(row(11, State.Review, new Date(NOW.getTime() - 3 * DAY)));
  await ctx.db.insert(cardStates).values(row(12, State.Review, new Date(NOW.getTime() + DAY), true));
  await ctx.db.insert(cardStates).values(row(13, State.Learning, new Date(NOW.getTime() - 60_000)));
  await ctx.db.insert(cardStates).values(row(14, State.Learning, new Date(NOW.getTime() + 2 * HOUR)));
  await ctx.db.insert(cardStates).values(row(15, State.Relearning, new Date(NOW.getTime() + 5 * 60_000)));
});
afterAll(() => ctx.cleanup());

describe('dashboard figures on a seeded review log', () => {
  it('seeds a few hundred reviews', () => {
    // sum over d = 0..119 of 2 (d mod 4) = 30 cycles of 0+2+4+6
    expect(seeded).toHaveLength(360);
  });

  it('heatmap: one cell per day for a year, with each day\'s count', async () => {
    const stats = await dashboardStats(ctx.db, library, await learnerProgress(ctx.db, library, userId, NOW), userId, NOW);
    expect(stats.today).toBe('2026-07-15');
    expect(stats.heatmap).toHaveLength(365);
    expect(stats.heatmap.at(-1)).toEqual({ day: '2026-07-15', count: 0 }); // d = 0
    expect(stats.heatmap.at(-2)).toEqual({ day: '2026-07-14', count: 2 }); // d = 1
    expect(stats.heatmap.at(-4)).toEqual({ day: '2026-07-12', count: 6 }); // d = 3
    expect(stats.heatmap.reduce((s, d) => s + d.count, 0)).toBe(360);
    expect(stats.heatmap.filter((d) => d.count > 0)).toHaveLength(90); // 3 of every 4 days
  });

  it('reviews and minutes per day over the last 30 days', async () => {
    const stats = await dashboardStats(ctx.db, library, await learnerProgress(ctx.db, library, userId, NOW), userId, NOW);
    // d = 0..29: 7 cycles (84) plus d = 28 (0) and d = 29 (2)
    expect(stats.last30.reduce((s, d) => s + d.count, 0)).toBe(86);
    // 45 s a review, minutes rounded per day: 2 reviews -> 1.5 -> 2 min, 4 -> 3 min, 6 -> 4.5 -> 5 min.
    // In d = 0..29 there are 8 days with 2 reviews, 7 with 4 and 7 with 6: 16 + 21 + 35 = 72.
    expect(stats.last30.reduce((s, d) => s + d.minutes, 0)).toBe(72);
    expect(stats.last30[28]).toEqual({ day: '2026-07-14', count: 2, minutes: 2 });
  });

  it('current and longest streak', async () => {
    const stats = await dashboardStats(ctx.db, library, await learnerProgress(ctx.db, library, userId, NOW), userId, NOW);
    // nothing today (d = 0); yesterday back to d = 3 studied, d = 4 not
    expect(stats.streak).toBe(3);
    expect(stats.longestStreak).toBe(3);
  });

  it('true retention over 30 days, young and mature', async () => {
    const stats = await dashboardStats(ctx.db, library, await learnerProgress(ctx.db, library, userId, NOW), userId, NOW);
    const last30 = seeded.filter((s) => s.d < 30);
    const young = last30.filter((s) => s.scheduledDays < 21);
    const mature = last30.filter((s) => s.scheduledDays >= 21);
    expect(young.length + mature.length).toBe(86);
    expect(stats.retention.young.total).toBe(young.length);
    expect(stats.retention.young.passed).toBe(young.filter((s) => s.rating !== Rating.Again).length);
    expect(stats.retention.mature.total).toBe(mature.length);
    expect(stats.retention.mature.passed).toBe(mature.filter((s) => s.rating !== Rating.Again).length);
    // every fifth review failed overall: about 80% passed
    const passed = stats.retention.young.passed + stats.retention.mature.passed;
    expect(passed / 86).toBeGreaterThan(0.75);
    expect(passed / 86).toBeLessThan(0.85);
  });

  it('forecast of due reviews for 30 days', async () => {
    const stats = await dashboardStats(ctx.db, library, await learnerProgress(ctx.db, library, userId, NOW), userId, NOW);
    // today: card due now + 2 overdue + learning due a minute ago + learning in 2 h + relearning in 5 min
    expect(stats.forecast[0]).toEqual({ day: '2026-07-15', count: 6 });
    for (let i = 1; i <= 9; i++) expect(stats.forecast[i]!.count).toBe(1); // suspended one left out
    expect(stats.forecast.slice(10).every((d) => d.count === 0)).toBe(true);
  });

  it('cards by state', async () => {
    const stats = await dashboardStats(ctx.db, library, await learnerProgress(ctx.db, library, userId, NOW), userId, NOW);
    const allCards = [...library.items.values()].filter((i) => i.kind === 'card').length;
    expect(stats.byState).toEqual({ new: allCards - 16, learning: 2, review: 13, relearning: 1 });
  });

  it('today\'s queue: due now and reviews done', async () => {
    const today = await loadStudyToday(ctx.db, library, userId, NOW);
    // learning due within 20 minutes: the one a minute ago and the relearning in 5 minutes
    expect(today.queue.counts.learning).toBe(2);
    // review cards due before tomorrow 04:00 Berlin: the one due now and the two overdue
    expect(today.queue.counts.review).toBe(3);
    expect(today.reviewsToday).toBe(0);
    expect(today.streak).toBe(3);
  });
});
