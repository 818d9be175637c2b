import 'server-only';
import type { Db } from '@/lib/db/client';
import { applyCardStates, historiesByItem } from '@/lib/db/cards';
import { listCardStates } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { addDays, studyDay, studyDayBounds, dayStartInstant } from '@/lib/srs/day';
import { dueCountsByDay } from '@/lib/srs/balance';
import { keepsDueDay, replayHistory } from '@/lib/srs/reschedule';
import { createScheduler, questionSchedulerSettings, type Card } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';

export interface RescheduleResult {
  cards: number;
  moved: number;
  dueWeekBefore: number;
  dueWeekAfter: number;
}

/**
 * Reschedules every started card by replaying its own review history with the learner's
 * current settings and parameters. No review is invented; a reset card replays only the
 * reviews after its reset; suspension and burying stay as they are.
 */
export async function rescheduleAll(database: Db, userId: string, now: Date): Promise<RescheduleResult> {
  const settings = toStudySettings(await getSettingsRow(database, userId));
  const scheduler = createScheduler(settings.scheduler);
  // Questions skip the learning steps, as they do when graded.
  const questionScheduler = createScheduler(questionSchedulerSettings(settings.scheduler));
  const schedulerFor = (kind: 'card' | 'question') => (kind === 'question' ? questionScheduler : scheduler);
  const histories = await historiesByItem(database, userId);
  const { day } = studyDayBounds(now, settings.day);
  const weekEnd = dayStartInstant(addDays(day, 7), settings.day);
  const rows = await listCardStates(database, userId);
  const updates: { itemId: string; card: Card }[] = [];
  const balance = settings.loadBalance && settings.scheduler.fuzz;
  const dayOf = (d: Date) => studyDay(d, settings.day);
  // With load balancing, each card that moves is placed against the load of those already placed.
  const due = dueCountsByDay(rows.filter((r) => r.state === 2 && !r.suspended).map((r) => r.due), dayOf);
  const workloadAt = balance ? (review: Date) => ({ today: dayOf(review), due, easyDays: settings.easyDays }) : undefined;
  let before = 0;
  let after = 0;
  for (const row of rows) {
    const inWeek = (d: Date) => d.getTime() < weekEnd.getTime() && row.state !== 0;
    if (inWeek(row.due)) before += 1;
    const history = (histories.get(row.itemId) ?? []).filter((h) => !row.resetAt || h.review > row.resetAt);
    if (!history.length || (balance && keepsDueDay(schedulerFor(row.kind), history, row, row.due))) {
      if (inWeek(row.due)) after += 1;
      continue;
    }
    if (row.state === 2 && !row.suspended) due.set(dayOf(row.due), (due.get(dayOf(row.due)) ?? 1) - 1);
    const card = replayHistory(schedulerFor(row.kind), history, workloadAt);
    if (!card) {
      if (inWeek(row.due)) after += 1;
      continue;
    }
    if (card.state === 2 && !row.suspended) due.set(dayOf(card.due), (due.get(dayOf(card.due)) ?? 0) + 1);
    if (card.due.getTime() < weekEnd.getTime()) after += 1;
    if (card.due.getTime() !== row.due.getTime() || card.stability !== row.stability) updates.push({ itemId: row.itemId, card });
  }
  await applyCardStates(database, userId, updates, now);
  return { cards: rows.length, moved: updates.length, dueWeekBefore: before, dueWeekAfter: after };
}
