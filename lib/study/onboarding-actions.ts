'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { transaction } from '@/lib/db/tx';
import { finishOnboarding } from '@/lib/db/onboarding';
import { enrollInPath, setTarget } from '@/lib/db/progress';
import { gradePlacement, placementAnswers, type PlacementResult } from '@/lib/onboarding/placement';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { firstRunDestination, targetDateProblem } from './onboarding';

export interface FirstRunState {
  error?: string;
  field?: 'goal' | 'pathId' | 'date';
}

const choice = z.discriminatedUnion('goal', [
  z.object({ goal: z.literal('pace'), pathId: z.enum(['beginner', 'intermediate', 'advanced'], { error: 'Choose where to start.' }) }),
  z.object({ goal: z.literal('team'), pathId: z.enum(['beginner', 'intermediate', 'advanced'], { error: 'Choose where to start.' }) }),
  z.object({
    goal: z.literal('interview'),
    pathId: z.enum(['beginner', 'intermediate', 'advanced'], { error: 'Choose where to start.' }),
    date: z.string({ error: 'Enter the date of your interview.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of your interview.'),
  }),
], { error: 'Choose what brings you here.' });

/** The first run's answer: records the goal, starts the path, sets the interview target, then opens the first lesson (or /teams). */
export async function finishFirstRunAction(_prev: FirstRunState, formArg: FormData): Promise<FirstRunState> {
  const user = await requireUser('/welcome');
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = choice.safeParse({ goal: formData.get('goal'), pathId: formData.get('pathId'), date: formData.get('date') ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    return { error: issue?.message ?? 'Check your choices.', field: field === 'pathId' || field === 'date' ? field : 'goal' };
  }
  const library = getLibrary();
  if (!library.paths.some((p) => p.id === parsed.data.pathId)) return { error: 'There is no such path.', field: 'pathId' };
  const now = new Date();
  if (parsed.data.goal === 'interview') {
    const problem = targetDateProblem(parsed.data.date, now);
    if (problem) return { error: problem, field: 'date' };
  }
  const database = db();
  const data = parsed.data;
  // The three writes commit together.
  await transaction(database, async (tx) => {
    await finishOnboarding(tx, user.id, data.goal, now);
    await enrollInPath(tx, user.id, data.pathId, now);
    if (data.goal === 'interview') await setTarget(tx, user.id, { date: data.date, pathId: data.pathId });
  });
  revalidatePath('/dashboard');
  revalidatePath('/paths');
  redirect(await firstRunDestination(database, library, user.id, parsed.data.goal, parsed.data.pathId, now));
}

/** "Skip for now": the dashboard stops offering the first run; settings still links to it. */
export async function skipFirstRunAction(_prev: FirstRunState, formArg: FormData): Promise<FirstRunState> {
  const user = await requireUser('/welcome');
  if (!asFormData(formArg)) return { error: NOT_A_FORM };
  await finishOnboarding(db(), user.id, undefined, new Date());
  revalidatePath('/dashboard');
  redirect('/dashboard');
}

export type PlacementState = { result?: PlacementResult; error?: string };

/** Grades the optional placement check; it records nothing (no reviews, no attempt). */
export async function placementAction(_prev: PlacementState, formArg: FormData): Promise<PlacementState> {
  await requireUser('/welcome');
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const raw: Record<string, FormDataEntryValue> = {};
  for (const [k, v] of formData.entries()) if (k.startsWith('q:')) raw[k.slice(2)] = v;
  const parsed = placementAnswers.safeParse(raw);
  if (!parsed.success) return { error: 'Those answers are not options of the check. Reload the page and try again.' };
  const answered = Object.keys(parsed.data).length;
  if (answered === 0) return { error: 'Answer at least one question, or skip the check.' };
  return { result: gradePlacement(getLibrary(), parsed.data) };
}
