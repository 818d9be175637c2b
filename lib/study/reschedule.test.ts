import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { bulkUpdate } from '@/lib/db/cards';
import { getCardState, markLessonRead } from '@/lib/db/reviews';
import { reviewLogs, userSettings } from '@/lib/db/tables';
import { newCard, Rating } from '@/lib/srs/scheduler';
import { rescheduleAll } from './reschedule';
import { gradeItem } from './review';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());
const T0 = new Date('2026-04-01T09:00:00Z');
const at = (d: number, m = 0) => new Date(T0.getTime() + d * 86_400_000 + m * 60_000);

async function study(user: string, itemIds: string[]) {
  let n = 0;
  for (const itemId of itemIds) {
    for (const [rating, when] of [
      [Rating.Good, at(0)],
      [Rating.Good, at(0, 10)],
      [Rating.Good, at(4)],
    ] as const) {
      await gradeItem(ctx.db, library, user, { id: `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`, itemId, rating, durationMs: 0 }, when);
    }
  }
}

describe('rescheduleAll', () => {
  it('replays every card with the new retention, moves due dates, and invents no reviews', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const ids = library.topics.get('timeout')!.cards.slice(0, 5).map((c) => c.id);
    await study(user, ids);
    const before: number[] = [];
    for (const id of ids) before.push((await getCardState(ctx.db, user, id))!.due.getTime());
    const logsBefore = (await ctx.db.select().from(reviewLogs)).length;

    // Same settings: nothing moves.
    expect(await rescheduleAll(ctx.db, user, at(5))).toMatchObject({ cards: 5, moved: 0 });

    await ctx.db.update(userSettings).set({ desiredRetention: 0.8 }).where(eq(userSettings.userId, user));
    const result = await rescheduleAll(ctx.db, user, at(5));
    expect(result.cards).toBe(5);
    expect(result.moved).toBe(5);
    for (const [i, id] of ids.entries()) expect((await getCardState(ctx.db, user, id))!.due.getTime()).toBeGreaterThan(before[i]!);
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(logsBefore);
  });

  it('keeps a reset card new: only reviews after the reset are replayed, and the history stays', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', at(-1));
    const card = library.topics.get('timeout')!.cards[0]!;
    await study(user, [card.id]);
    await bulkUpdate(ctx.db, user, 'reset', [{ itemId: card.id, topicId: 'timeout', kind: 'card' }], { now: at(6), buryUntil: at(7), newCard });
    expect(await getCardState(ctx.db, user, card.id)).toMatchObject({ state: 0, reps: 0 });
    await ctx.db.update(userSettings).set({ desiredRetention: 0.8 }).where(eq(userSettings.userId, user));
    await rescheduleAll(ctx.db, user, at(7));
    expect(await getCardState(ctx.db, user, card.id)).toMatchObject({ state: 0, reps: 0 });
    expect(await ctx.db.select().from(reviewLogs)).toHaveLength(3);
  });
});

describe('bulkUpdate', () => {
  it('suspends, unsuspends and buries only the learner\'s own cards, creating state for unstudied ones', async () => {
    const a = await ctx.learner();
    const b = await ctx.learner();
    const items = library.topics.get('saga')!.cards.slice(0, 2).map((c) => ({ itemId: c.id, topicId: 'saga', kind: 'card' as const }));
    expect(await bulkUpdate(ctx.db, a, 'suspend', items, { now: T0, buryUntil: at(1), newCard })).toBe(2);
    expect((await getCardState(ctx.db, a, items[0]!.itemId))?.suspended).toBe(true);
    expect(await getCardState(ctx.db, b, items[0]!.itemId)).toBeUndefined();
    await bulkUpdate(ctx.db, a, 'unsuspend', items, { now: T0, buryUntil: at(1), newCard });
    expect((await getCardState(ctx.db, a, items[0]!.itemId))?.suspended).toBe(false);
    await bulkUpdate(ctx.db, a, 'bury', items.slice(1), { now: T0, buryUntil: at(1), newCard });
    expect((await getCardState(ctx.db, a, items[1]!.itemId))?.buriedUntil).toEqual(at(1));
  });
});
