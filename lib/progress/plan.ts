import type { FSRS } from 'ts-fsrs';
import { addDays, dayStartInstant, type DayConfig } from '@/lib/srs/day';
import { gradeCard, Rating, State, type Card } from '@/lib/srs/scheduler';
import { cardRetrievability } from './mastery';

export interface PlanInput {
  today: string;
  /** The day to be ready by (YYYY-MM-DD); cards must be introduced before it. */
  targetDate: string;
  /** Cards of the path not introduced yet, in path order. */
  remaining: number;
  newPerDay: number;
  /** New cards already introduced today (they count against today's limit). */
  newToday: number;
}

export interface Plan {
  /** Study days left before the target day, today included. */
  daysLeft: number;
  neededPerDay: number;
  enough: boolean;
  /** The day the last card would be introduced at the current pace, or null if nothing remains. */
  finishDay: string | null;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** New cards per day needed to introduce every remaining card of the path before the target day. */
export function planPace(input: PlanInput): Plan {
  const daysLeft = Math.max(0, daysBetween(input.today, input.targetDate));
  const roomToday = Math.max(0, input.newPerDay - input.newToday);
  if (input.remaining === 0) return { daysLeft, neededPerDay: 0, enough: true, finishDay: null };
  const neededPerDay = daysLeft === 0 ? input.remaining : Math.ceil(input.remaining / daysLeft);
  let finishDay: string | null = null;
  if (input.newPerDay > 0 || roomToday > 0) {
    const afterToday = Math.max(0, input.remaining - roomToday);
    const extraDays = input.newPerDay > 0 ? Math.ceil(afterToday / input.newPerDay) : 0;
    finishDay = afterToday === 0 ? input.today : input.newPerDay > 0 ? addDays(input.today, extraDays) : null;
  }
  const enough = finishDay !== null && daysBetween(finishDay, input.targetDate) >= 1;
  return { daysLeft, neededPerDay, enough, finishDay };
}

/**
 * Expected retention on the target day if the learner keeps the pace and does every review
 * when due, answering Good: each card is simulated with the scheduler from its current state
 * (or from its introduction day) to the target day, and its retrievability there averaged.
 * Cards the pace cannot introduce in time count as 0.
 */
export function expectedRetention(
  scheduler: FSRS,
  cards: (Card | null)[],
  input: { today: string; targetDate: string; newPerDay: number; newToday: number; day: DayConfig; now: Date },
): number {
  if (cards.length === 0) return 0;
  const target = dayStartInstant(input.targetDate, input.day);
  let introducedSoFar = 0;
  let total = 0;
  for (const start of cards) {
    let card: Card | null = start && start.state !== State.New ? start : null;
    let t: Date;
    if (card) t = card.due;
    else {
      // Introduced in path order at the planned pace: today's room first, then newPerDay a day.
      const room = Math.max(0, input.newPerDay - input.newToday);
      const slot = introducedSoFar++;
      const dayOffset = slot < room ? 0 : input.newPerDay > 0 ? 1 + Math.floor((slot - room) / input.newPerDay) : Infinity;
      if (!Number.isFinite(dayOffset)) continue;
      const day = addDays(input.today, dayOffset);
      if (day >= input.targetDate) continue;
      t = dayOffset === 0 ? input.now : dayStartInstant(day, input.day);
    }
    for (let i = 0; i < 200 && t < target; i++) {
      card = gradeCard(scheduler, card, t, Rating.Good).card;
      t = card.due;
    }
    total += cardRetrievability(scheduler, card, target);
  }
  return total / cards.length;
}
