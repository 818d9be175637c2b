'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { enrollInPath, setNewPerDay, setTarget } from '@/lib/db/progress';

export interface FormState {
  ok?: boolean;
  error?: string;
}

const pathId = z.enum(['beginner', 'intermediate', 'advanced'], { error: 'Choose one of the three paths.' });

/** Starts a path (any path, in any order) and opens its next step. */
export async function startPathAction(_prev: FormState, formArg: FormData): Promise<FormState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = pathId.safeParse(formData.get('pathId'));
  if (!parsed.success || !getLibrary().paths.some((p) => p.id === parsed.data)) return { error: 'There is no such path.' };
  await enrollInPath(db(), user.id, parsed.data, new Date());
  revalidatePath('/paths');
  revalidatePath('/dashboard');
  redirect(`/paths/${parsed.data}`);
}

const target = z.object({
  pathId,
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD.')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'That date does not exist.'),
});

export async function setTargetAction(_prev: FormState, formArg: FormData): Promise<FormState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  if (formData.get('clear') === '1') {
    await setTarget(db(), user.id, null);
    revalidatePath('/dashboard');
    return { ok: true };
  }
  const parsed = target.safeParse({ pathId: formData.get('pathId'), date: formData.get('date') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the date and path.' };
  const today = new Date().toISOString().slice(0, 10);
  if (parsed.data.date <= today) return { error: 'Choose a date after today.' };
  if (parsed.data.date > `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`) return { error: 'Choose a date within the next three years.' };
  await setTarget(db(), user.id, { date: parsed.data.date, pathId: parsed.data.pathId });
  revalidatePath('/dashboard');
  return { ok: true };
}

const pace = z.coerce.number().int().min(1, 'The pace must be at least 1 card a day.').max(500, 'More than 500 new cards a day is not a plan.');

/** The planner's "raise my pace": only with the learner's click, and it never lowers the review limit. */
export async function raisePaceAction(_prev: FormState, formArg: FormData): Promise<FormState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = pace.safeParse(formData.get('newPerDay'));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  await setNewPerDay(db(), user.id, parsed.data);
  revalidatePath('/dashboard');
  revalidatePath('/review');
  return { ok: true };
}
