'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { markLessonRead } from '@/lib/db/reviews';

const input = z.object({ topicId: z.string().regex(/^((laws|pillars|case-studies|domains|combinations)\/)?[a-z0-9]+(-[a-z0-9]+)*$/) });

export interface MarkReadState {
  ok: boolean;
  error?: string;
}

/** "Mark as read": records the read, which lets the lesson's cards into the review queue. */
export async function markRead(_prev: MarkReadState, formArg: FormData): Promise<MarkReadState> {
  const user = await requireUser();
  const formData = asFormData(formArg);
  if (!formData) return { ok: false, error: NOT_A_FORM };
  const parsed = input.safeParse({ topicId: formData.get('topicId') });
  if (!parsed.success) return { ok: false, error: 'That lesson id is not valid.' };
  const topic = getLibrary().topics.get(parsed.data.topicId);
  if (!topic) return { ok: false, error: 'There is no such lesson.' };
  await markLessonRead(db(), user.id, topic.id, new Date());
  revalidatePath(topic.href.split('#')[0]!);
  revalidatePath('/dashboard');
  return { ok: true };
}
