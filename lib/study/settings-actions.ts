'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { requireUser } from '@/lib/auth/session';
import { saveSettings } from '@/lib/db/cards';
import { db } from '@/lib/db/client';
import { settingsForm } from '@/lib/srs/settings';
import { rescheduleAll, type RescheduleResult } from './reschedule';

export interface SettingsState {
  ok?: boolean;
  errors?: Record<string, string>;
}

export async function saveSettingsAction(_prev: SettingsState, formArg: FormData): Promise<SettingsState> {
  const user = await requireUser('/settings');
  const formData = asFormData(formArg);
  if (!formData) return { ok: false, errors: { form: NOT_A_FORM } };
  const parsed = settingsForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(z.flattenError(parsed.error).fieldErrors)) errors[k] = (v as string[])[0]!;
    return { ok: false, errors };
  }
  await saveSettings(db(), user.id, parsed.data);
  revalidatePath('/settings');
  revalidatePath('/review');
  revalidatePath('/dashboard');
  return { ok: true };
}

export interface RescheduleState {
  result?: RescheduleResult;
  error?: string;
}

export async function rescheduleAction(_prev: RescheduleState, formArg: FormData): Promise<RescheduleState> {
  const user = await requireUser('/settings');
  // Called by its form only: anything else is not a request this page sends.
  if (!asFormData(formArg)) return { error: NOT_A_FORM };
  const result = await rescheduleAll(db(), user.id, new Date());
  revalidatePath('/review');
  revalidatePath('/dashboard');
  return { result };
}
