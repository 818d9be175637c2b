'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { saveSettings } from '@/lib/db/cards';
import { db } from '@/lib/db/client';
import { settingsForm } from '@/lib/srs/settings';
import { OptimizerBusyError, startOptimizer } from './optimizer-job';
import { rescheduleAll, type RescheduleResult } from './reschedule';

export interface SettingsState {
  ok?: boolean;
  errors?: Record<string, string>;
}

export async function saveSettingsAction(_prev: SettingsState, formData: FormData): Promise<SettingsState> {
  const user = await requireUser('/settings');
  const parsed = settingsForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(z.flattenError(parsed.error).fieldErrors)) errors[k] = (v as string[])[0]!;
    return { ok: false, errors };
  }
  saveSettings(db(), user.id, parsed.data);
  revalidatePath('/settings');
  revalidatePath('/review');
  revalidatePath('/dashboard');
  return { ok: true };
}

export interface RescheduleState {
  result?: RescheduleResult;
  error?: string;
}

export async function rescheduleAction(): Promise<RescheduleState> {
  const user = await requireUser('/settings');
  const result = rescheduleAll(db(), user.id, new Date());
  revalidatePath('/review');
  revalidatePath('/dashboard');
  return { result };
}

export interface OptimizeState {
  runId?: string;
  error?: string;
}

export async function startOptimizerAction(): Promise<OptimizeState> {
  const user = await requireUser('/settings');
  try {
    return { runId: startOptimizer(db(), user.id, 'manual') };
  } catch (e) {
    if (e instanceof OptimizerBusyError) return { error: e.message };
    throw e;
  }
}
