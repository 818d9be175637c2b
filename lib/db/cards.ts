import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Card } from 'ts-fsrs';
import type { Db } from './client';
import { cardStates, reviewLogs, userSettings } from './tables';
import { easyDaysOf, type SettingsForm } from '@/lib/srs/settings';
import { transaction } from './tx';

/** The schedule columns of a card never studied (new again after a reset; a restored card before its history is replayed). */
export const UNSTUDIED = {
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  state: 0,
  lastReview: null,
} as const;

export async function saveSettings(database: Db, userId: string, form: SettingsForm): Promise<void> {
  await transaction(database, (tx) => tx
    .update(userSettings)
    .set({
      desiredRetention: form.desiredRetention,
      newPerDay: form.newPerDay,
      maxReviewsPerDay: form.maxReviewsPerDay,
      learningSteps: JSON.stringify(form.learningSteps),
      relearningSteps: JSON.stringify(form.relearningSteps),
      timezone: form.timezone,
      timezoneSource: 'user',
      dayStartHour: form.dayStartHour,
      fuzz: form.fuzz,
      maximumInterval: form.maximumInterval,
      autoOptimize: form.autoOptimize,
      loadBalance: form.loadBalance,
      easyDays: JSON.stringify(easyDaysOf(form)),
      updatedAt: new Date(),
    })
    .where(eq(userSettings.userId, userId)));
}

/** Each started item's review history (rating and time), for rescheduling by replay; cram answers are not part of it. */
export async function historiesByItem(database: Db, userId: string): Promise<Map<string, { rating: number; review: Date }[]>> {
  const out = new Map<string, { rating: number; review: Date }[]>();
  for (const l of await database
    .select({ itemId: reviewLogs.itemId, rating: reviewLogs.rating, review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram')))) {
    const list = out.get(l.itemId) ?? [];
    list.push({ rating: l.rating, review: l.review });
    out.set(l.itemId, list);
  }
  return out;
}

/** Writes replayed card states in one transaction; suspension and burying are kept. */
export async function applyCardStates(database: Db, userId: string, updates: { itemId: string; card: Card }[], now: Date): Promise<void> {
  await transaction(database, async (tx) => {
    for (const u of updates) {
      await tx.update(cardStates)
        .set({
          due: u.card.due,
          stability: u.card.stability,
          difficulty: u.card.difficulty,
          elapsedDays: u.card.elapsed_days,
          scheduledDays: u.card.scheduled_days,
          learningSteps: u.card.learning_steps,
          reps: u.card.reps,
          lapses: u.card.lapses,
          state: u.card.state,
          lastReview: u.card.last_review ?? null,
          updatedAt: now,
        })
        .where(and(eq(cardStates.userId, userId), eq(cardStates.itemId, u.itemId)));
    }
  });
}

export type BulkAction = 'suspend' | 'unsuspend' | 'bury' | 'reset';

/**
 * Card browser actions on the learner's own cards. Reset makes a card new again and keeps its
 * history (the review log is untouched; rescheduling replays only reviews after the reset).
 * Cards never studied get a state row so they can be suspended or buried too.
 */
export async function bulkUpdate(
  database: Db,
  userId: string,
  action: BulkAction,
  items: { itemId: string; topicId: string; kind: 'card' | 'question' }[],
  ctx: { now: Date; buryUntil: Date; newCard: (now: Date) => Card },
): Promise<number> {
  if (items.length === 0) return 0;
  return transaction(database, async (tx) => {
    const ids = items.map((i) => i.itemId);
    const existing = new Set(
      (
        await tx
          .select({ itemId: cardStates.itemId })
          .from(cardStates)
          .where(and(eq(cardStates.userId, userId), inArray(cardStates.itemId, ids)))
      ).map((r) => r.itemId),
    );
    const fresh = ctx.newCard(ctx.now);
    for (const i of items) {
      if (existing.has(i.itemId) || action === 'unsuspend' || action === 'reset') continue;
      await tx.insert(cardStates)
        .values({
          userId,
          itemId: i.itemId,
          topicId: i.topicId,
          kind: i.kind,
          due: fresh.due,
          stability: fresh.stability,
          difficulty: fresh.difficulty,
          elapsedDays: 0,
          scheduledDays: 0,
          learningSteps: 0,
          reps: 0,
          lapses: 0,
          state: fresh.state,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
    }
    const where = and(eq(cardStates.userId, userId), inArray(cardStates.itemId, ids));
    const set =
      action === 'suspend'
        ? { suspended: true }
        : action === 'unsuspend'
          ? { suspended: false }
          : action === 'bury'
            ? { buriedUntil: ctx.buryUntil }
            : { ...UNSTUDIED, due: ctx.now, buriedUntil: null, resetAt: ctx.now };
    return (await tx.update(cardStates).set({ ...set, updatedAt: ctx.now }).where(where).returning({ itemId: cardStates.itemId })).length;
  });
}
