import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating } from '@/lib/srs/scheduler';
import { exportUserData } from './export';
import { markLessonRead, recordReview } from './reviews';

let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

describe('exportUserData', () => {
  it('exports the learner\'s own data only, without the password hash', async () => {
    const f = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    const [a, b] = [await ctx.learner('a@example.com'), await ctx.learner('b@example.com')];
    const now = new Date('2026-05-01T10:00:00Z');
    for (const [user, id] of [
      [a, '00000000-0000-4000-8000-0000000000e1'],
      [b, '00000000-0000-4000-8000-0000000000e2'],
    ] as const) {
      await markLessonRead(ctx.db, user, 'timeout', now);
      await recordReview(ctx.db, {
        userId: user,
        logId: id,
        itemId: 'timeout/x',
        topicId: 'timeout',
        kind: 'card',
        now,
        durationMs: 0,
        source: 'review',
        schedule: (p) => gradeCard(f, p, now, Rating.Good),
      });
    }
    const data = await exportUserData(ctx.db, a);
    expect(data.user?.email).toBe('a@example.com');
    expect(JSON.stringify(data)).not.toContain('passwordHash');
    expect(JSON.stringify(data)).not.toContain(b);
    expect(data.reviewLogs.map((l) => l.id)).toEqual(['00000000-0000-4000-8000-0000000000e1']);
    expect(data.cardStates).toHaveLength(1);
    expect(data.lessonReads).toHaveLength(1);
  });
});
