'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { INTERVIEW_SECONDS, INTERVIEW_SIZES, QuizError, startInterview, startQuiz } from './quiz';

export interface StartState {
  error?: string;
}

const startInput = z.object({
  kind: z.enum(['topic', 'collection']),
  sourceId: z.string().regex(/^((laws|pillars|case-studies|domains|contrasts|combinations)\/)?[a-z0-9]+(-[a-z0-9]+)*$/),
});

/** Starts (or resumes) a topic's or a collection's quiz and opens it. */
export async function startQuizAction(_prev: StartState, formArg: FormData): Promise<StartState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = startInput.safeParse({ kind: formData.get('kind'), sourceId: formData.get('sourceId') });
  if (!parsed.success) return { error: 'That quiz id is not valid.' };
  let attemptId: string;
  try {
    attemptId = (await startQuiz(db(), getLibrary(), user.id, parsed.data.kind, parsed.data.sourceId, new Date())).id;
  } catch (e) {
    if (e instanceof QuizError) return { error: e.message };
    throw e;
  }
  redirect(`/quiz/attempts/${attemptId}`);
}

const interviewInput = z.object({
  count: z.coerce
    .number()
    .int()
    .refine((n) => (INTERVIEW_SIZES as readonly number[]).includes(n), 'Choose 10, 20 or 30 questions.'),
  seconds: z.coerce
    .number()
    .int()
    .refine((n) => (INTERVIEW_SECONDS as readonly number[]).includes(n), 'Choose a time per question from the list.'),
  source: z.enum(['studied', 'all'], { error: 'Choose where the questions come from.' }),
});

export async function startInterviewAction(_prev: StartState, formArg: FormData): Promise<StartState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = interviewInput.safeParse({
    count: formData.get('count'),
    seconds: formData.get('seconds'),
    source: formData.get('source'),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the interview settings.' };
  let attemptId: string;
  try {
    attemptId = (await startInterview(
      db(),
      getLibrary(),
      user.id,
      { count: parsed.data.count, secondsPerQuestion: parsed.data.seconds, source: parsed.data.source },
      new Date(),
    )).id;
  } catch (e) {
    if (e instanceof QuizError) return { error: e.message };
    throw e;
  }
  redirect(`/quiz/attempts/${attemptId}`);
}
