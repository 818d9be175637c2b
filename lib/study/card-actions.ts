'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { bulkUpdate } from '@/lib/db/cards';
import { db } from '@/lib/db/client';
import { getSettingsRow } from '@/lib/db/settings';
import { studyDayBounds } from '@/lib/srs/day';
import { newCard } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';

export interface BulkState {
  message?: string;
  error?: string;
}

const input = z.object({
  action: z.enum(['suspend', 'unsuspend', 'bury', 'reset'], { error: 'Choose what to do with the selected cards.' }),
  ids: z.array(z.string().max(200)).min(1, 'Select at least one card.').max(1000, 'Select at most 1000 cards at a time.'),
});

const DONE = { suspend: 'suspended', unsuspend: 'unsuspended', bury: 'buried until tomorrow', reset: 'reset to new (their history is kept)' };

/** Suspend, unsuspend, bury until tomorrow or reset to new, for one or many of the learner's cards. */
export async function bulkCardAction(_prev: BulkState, formArg: FormData): Promise<BulkState> {
  const user = await requireUser('/cards');
  const formData = asFormData(formArg);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = input.safeParse({ action: formData.get('action'), ids: formData.getAll('ids') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const library = getLibrary();
  const unknown = parsed.data.ids.filter((id) => !library.items.has(id));
  if (unknown.length) return { error: `Unknown card id: ${unknown[0]}. Nothing was changed.` };
  const now = new Date();
  const { end } = studyDayBounds(now, toStudySettings(await getSettingsRow(db(), user.id)).day);
  const items = parsed.data.ids.map((id) => {
    const e = library.items.get(id)!;
    return { itemId: id, topicId: e.topic.id, kind: e.kind };
  });
  const changed = await bulkUpdate(db(), user.id, parsed.data.action, items, { now, buryUntil: end, newCard });
  revalidatePath('/cards');
  revalidatePath('/review');
  revalidatePath('/dashboard');
  return { message: `${changed} card${changed === 1 ? '' : 's'} ${DONE[parsed.data.action]}.` };
}
