import 'server-only';
import type { Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import type { Goal } from '@/lib/db/onboarding';
import { learnerProgress } from './progress';
import { continueHref } from './step-link';

/** Why an interview or deadline date cannot be a target, or null: a real date, after today, within three years. */
export function targetDateProblem(date: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'Enter the date as YYYY-MM-DD.';
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) return 'That date does not exist.';
  const today = now.toISOString().slice(0, 10);
  if (date <= today) return 'Choose a date after today.';
  if (date > `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`) return 'Choose a date within the next three years.';
  return null;
}

/** Where the first run ends: the team page for an invited learner, else the next step (the first lesson) of the chosen path. */
export async function firstRunDestination(database: Db, library: Library, userId: string, goal: Goal, pathId: string, now: Date): Promise<string> {
  if (goal === 'team') return '/teams';
  const path = (await learnerProgress(database, library, userId, now)).paths.find((p) => p.path.id === pathId);
  if (!path?.next) return `/paths/${pathId}`;
  return continueHref(path.next);
}
