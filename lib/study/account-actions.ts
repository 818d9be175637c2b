'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db/client';
import { deleteAccount } from '@/lib/db/account';
import { ownedTeams } from '@/lib/db/teams';
import { ownedTeamsMessage } from '@/lib/teams/access';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';

export interface DeleteAccountState {
  error?: string;
}

const input = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1000, 'That password is too long.'),
  confirm: z.literal('on', { error: 'Tick the box to confirm that everything will be deleted.' }),
});

/** The session cookies next-auth may have set, on http and https. */
const SESSION_COOKIES = [
  'next-auth.session-token',
  '__Secure-next-auth.session-token',
  'next-auth.csrf-token',
  '__Host-next-auth.csrf-token',
  'next-auth.callback-url',
  '__Secure-next-auth.callback-url',
];

/**
 * Deletes the signed-in learner's account and every row of theirs, in one transaction, after
 * checking their password; then ends the session. A token copied before cannot come back:
 * its user no longer exists.
 */
export async function deleteAccountAction(_prev: DeleteAccountState, raw: FormData): Promise<DeleteAccountState> {
  const user = await requireUser('/settings');
  const formData = asFormData(raw);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = input.safeParse({ password: formData.get('password') ?? undefined, confirm: formData.get('confirm') ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form.' };
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return { error: 'That password is not right; nothing was deleted.' };
  const owned = await ownedTeams(db(), user.id);
  if (owned.length) return { error: ownedTeamsMessage(owned.map((t) => t.name)) };
  await deleteAccount(db(), user.id);
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  redirect('/?deleted=1');
}
