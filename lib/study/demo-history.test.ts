import { raw } from '@/lib/db/prepared';
import { transaction } from '@/lib/db/tx';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { isFirstTimer, onboardingState } from '@/lib/db/onboarding';
import { cardStates, quizAttempts, reviewLogs, userSettings } from '@/lib/db/tables';
import { studyDay } from '@/lib/srs/day';
import { demoHistoryFrom, simulateDemoHistory } from './demo-history';
import { dashboardStats, learnerProgress, targetPlan } from './progress';
import { loadStudyToday } from './session';

const NOW = new Date('2026-11-26T15:00:00Z');
const DAY = 86_400_000;
const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
let userId: string;
let first: Awaited<ReturnType<typeof simulateDemoHistory>>;

beforeAll(async () => {
  ctx = await freshDb();
  userId = await ctx.learner('demo@example.com');
  first = await transaction(ctx.db, (tx) => simulateDemoHistory(tx, library, userId, NOW));
}, 120_000);
afterAll(() => ctx.cleanup());

describe('the demo history', () => {
  it('spans the 60 study days ending today, with reads, reviews in every FSRS state and quiz attempts', async () => {
    const logs = await ctx.db.select().from(reviewLogs).where(eq(reviewLogs.userId, userId));
    const days = new Set(logs.map((l) => studyDay(l.review, { timezone: 'UTC', dayStartHour: 4 })));
    expect([...days].sort()[0]).toBe('2026-09-28');
    expect(days.has('2026-11-26'), 'reviews today').toBe(true);
    expect(days.size).toBeGreaterThan(45);
    expect(logs.every((l) => l.review.getTime() <= NOW.getTime())).toBe(true);
    expect(first.reads).toBeGreaterThan(5);
    const states = new Set((await ctx.db.select({ state: cardStates.state }).from(cardStates).where(eq(cardStates.userId, userId))).map((r) => r.state));
    expect(states.has(2), 'review state').toBe(true);
    // The log went through every state: new, learning, review and relearning (a lapse).
    expect(new Set(logs.map((l) => l.state))).toEqual(new Set([0, 1, 2, 3]));
    // Reviews were graded Again as well as passed: recall drawn from the cards' own retrievability.
    expect(new Set(logs.map((l) => l.rating))).toEqual(new Set([1, 2, 3, 4]));
    expect((await ctx.db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId))).length).toBeGreaterThan(5);
    expect(logs.some((l) => l.source === 'quiz'), 'quiz answers').toBe(true);
  });

  it('gives the dashboard a heatmap, a forecast, retention, an interview target and some cards due now', async () => {
    const progress = await learnerProgress(ctx.db, library, userId, NOW);
    const stats = await dashboardStats(ctx.db, library, progress, userId, NOW);
    expect(stats.heatmap.filter((d) => d.count > 0).length).toBeGreaterThan(45);
    expect(stats.forecast.reduce((s, d) => s + d.count, 0)).toBeGreaterThan(50);
    expect(stats.retention.young.total + stats.retention.mature.total).toBeGreaterThan(100);
    expect(stats.retention.young.rate).toBeGreaterThan(0.6);
    expect(stats.retention.young.rate).toBeLessThan(1);
    const [row] = await ctx.db.select().from(userSettings).where(eq(userSettings.userId, userId));
    expect(row!.targetDate).toBe('2026-12-17');
    expect(targetPlan(library, progress, 0, NOW)).not.toBeNull();
    const today = await loadStudyToday(ctx.db, library, userId, NOW);
    expect(today.reviewsToday).toBeGreaterThan(0);
    expect(today.queue.counts.review + today.queue.counts.learning).toBeGreaterThan(0);
    const onboarding = await onboardingState(ctx.db, userId);
    expect(onboarding).toMatchObject({ goal: 'interview', hasHistory: true });
    expect(isFirstTimer(onboarding)).toBe(false);
  });

  it('is idempotent: a second run the same day adds nothing; days later it continues up to the new today', async () => {
    const count = async () => (await ctx.db.select({ id: reviewLogs.id }).from(reviewLogs).where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram')))).length;
    const before = await count();
    expect(await demoHistoryFrom(ctx.db, userId, NOW)).toBeNull();
    expect(await simulateDemoHistory(ctx.db, library, userId, NOW)).toEqual({ days: 0, reads: 0, reviews: 0, quizAttempts: 0 });
    expect(await count()).toBe(before);
    const later = new Date(NOW.getTime() + 3 * DAY);
    expect(await demoHistoryFrom(ctx.db, userId, later)).toBe('2026-11-27');
    const next = await transaction(ctx.db, (tx) => simulateDemoHistory(tx, library, userId, later));
    expect(next.days).toBeGreaterThan(0);
    expect(next.days).toBeLessThanOrEqual(3);
    expect(await count()).toBeGreaterThan(before);
  });
});

describe('first-run state', () => {
  it('treats a new account as a first-timer until it finishes the first run or studies', async () => {
    const id = await ctx.learner();
    expect(isFirstTimer(await onboardingState(ctx.db, id))).toBe(true);
    await raw(ctx.db).run('insert into lesson_reads (user_id, topic_id, read_at) values (?, ?, ?)', id, 'timeout', NOW.getTime());
    expect(await onboardingState(ctx.db, id)).toMatchObject({ onboardedAt: null, hasHistory: true });
    expect(isFirstTimer(await onboardingState(ctx.db, id))).toBe(false);
  });
});
