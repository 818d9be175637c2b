import { raw } from '@/lib/db/prepared';
import { transaction } from '@/lib/db/tx';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLibrary } from '@/lib/content/load';
import { listCardStates, markLessonRead, rowToCard } from '@/lib/db/reviews';
import { cardStates } from '@/lib/db/tables';
import { getSettingsRow } from '@/lib/db/settings';
import { studyDayBounds } from '@/lib/srs/day';
import { buildQueue } from '@/lib/srs/queue';
import { toStudySettings } from '@/lib/srs/settings';
import { freshDb } from '@/test/db-fixture';
import { countReviews, listLessonReads } from '@/lib/db/reviews';
import { loadStudyToday, topicsInStudyOrder } from './session';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

/** The queue as it was built before SQLite selected the rows: every card state, filtered in JS. */
async function referenceQueue(userId: string, now: Date) {
  const settings = toStudySettings(await getSettingsRow(ctx.db, userId));
  const { start, end } = studyDayBounds(now, settings.day);
  const { reviews, introduced } = await countReviews(ctx.db, userId, start, end);
  const started = (await listCardStates(ctx.db, userId))
    .filter((row) => library.items.has(row.itemId))
    .map((row) => ({
      itemId: row.itemId,
      topicId: row.topicId,
      card: rowToCard(row),
      suspended: row.suspended,
      buriedUntil: row.buriedUntil,
      tests: library.items.get(row.itemId)?.question?.cards,
    }));
  const newCandidates = topicsInStudyOrder(library, await listLessonReads(ctx.db, userId)).flatMap((t) => t.cards.map((c) => ({ itemId: c.id, topicId: t.id })));
  return buildQueue({
    now,
    dayEnd: end,
    started,
    newCandidates,
    newPerDay: settings.newPerDay,
    newDoneToday: introduced,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    reviewsDoneToday: reviews - introduced,
  });
}

describe("today's queue from the rows SQLite selects", () => {
  it('is the queue built from every card state: states, suspended, buried, ties in due, unknown items, the review limit', async () => {
    const user = await ctx.learner();
    const now = new Date('2026-06-10T12:00:00Z');
    const topics = [...library.topics.values()].filter((t) => t.cards.length > 0);
    for (const t of topics.slice(0, 6)) await markLessonRead(ctx.db, user, t.id, new Date(now.getTime() - 86_400_000));
    const items = [...library.items.entries()];
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    await transaction(ctx.db, async (tx) => {
      for (const [i, [itemId, e]] of items.slice(0, 600).entries()) {
        const state = [0, 1, 2, 2, 2, 3][Math.floor(rand() * 6)]!;
        // Many share a due time, to check that ties keep their order.
        const due = new Date(now.getTime() + Math.round((rand() - 0.6) * 6) * 3_600_000 * (state === 2 ? 24 : 0.2));
        await tx.insert(cardStates)
          .values({
            userId: user,
            itemId: i % 97 === 0 ? `retired/${i}` : itemId,
            topicId: e.topic.id,
            kind: e.kind,
            due,
            stability: 5,
            difficulty: 5,
            elapsedDays: 1,
            scheduledDays: 3,
            learningSteps: 0,
            reps: state === 0 ? 0 : 3,
            lapses: 0,
            state,
            lastReview: state === 0 ? null : new Date(now.getTime() - 3 * 86_400_000),
            suspended: i % 13 === 0,
            buriedUntil: i % 17 === 0 ? new Date(now.getTime() + 3_600_000) : i % 19 === 0 ? new Date(now.getTime() - 3_600_000) : null,
            createdAt: now,
            updatedAt: now,
          });
      }
    });
    for (const maxReviewsPerDay of [200, 40, 0]) {
      await raw(ctx.db).run('update user_settings set max_reviews_per_day = ? where user_id = ?', maxReviewsPerDay, user);
      for (const at of [now, new Date(now.getTime() + 5 * 3_600_000), new Date(now.getTime() + 3 * 86_400_000)]) {
        const expected = await referenceQueue(user, at);
        const actual = (await loadStudyToday(ctx.db, library, user, at)).queue;
        expect(actual.counts).toEqual(expected.counts);
        expect(actual.items).toEqual(expected.items);
        if (maxReviewsPerDay === 200 && at === now) expect(Object.values(expected.counts).every((n) => n > 0)).toBe(true);
      }
    }
  });
});

describe('the dashboard’s counts-only queue', () => {
  it('has the same counts and items as the ordered session, only not spread apart', async () => {
    const user = await ctx.learner();
    const now = new Date('2026-06-10T12:00:00Z');
    for (const t of [...library.topics.values()].slice(0, 5)) await markLessonRead(ctx.db, user, t.id, now);
    const ordered = (await loadStudyToday(ctx.db, library, user, now)).queue;
    const counts = (await loadStudyToday(ctx.db, library, user, now, { order: false })).queue;
    expect(counts.counts).toEqual(ordered.counts);
    expect(new Set(counts.items.map((i) => i.itemId))).toEqual(new Set(ordered.items.map((i) => i.itemId)));
  });
});
