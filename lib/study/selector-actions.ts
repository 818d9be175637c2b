'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { QuizError } from './quiz';
import { PRACTICE_PATTERNS, startSelectorPractice } from './selector-practice';
import type { StartState } from './quiz-actions';

const input = z.object({
  patterns: z
    .string()
    .max(400)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).min(1).max(PRACTICE_PATTERNS)),
});

/** "Practise this": a short quiz of the selector's top patterns' scenario questions. */
export async function startSelectorPracticeAction(_prev: StartState, formArg: FormData): Promise<StartState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = input.safeParse({ patterns: formData.get('patterns') });
  if (!parsed.success) return { error: 'Those patterns are not valid; choose problems again.' };
  let attemptId: string;
  try {
    attemptId = (await startSelectorPractice(db(), getLibrary(), user.id, parsed.data.patterns, new Date())).id;
  } catch (e) {
    if (e instanceof QuizError) return { error: e.message };
    throw e;
  }
  redirect(`/quiz/attempts/${attemptId}`);
}
