'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { endAllSessions, setPassword } from '@/lib/db/sessions';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { clientAddress, throttles } from '@/lib/security/throttle';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import { requireUser } from './session';
import { throttledMessage } from './throttle-message';

export interface PasswordState {
  ok?: boolean;
  /** Set on success: the client signs in again with the new password (the change ended every session). */
  email?: string;
  errors?: Partial<Record<'currentPassword' | 'newPassword' | 'confirmPassword' | 'form', string>>;
}

const input = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200),
    newPassword: z.string({ error: 'Choose a new password.' }).min(1, 'Choose a new password.').max(200, 'Keep your password under 200 characters.'),
    confirmPassword: z.string({ error: 'Type the new password again.' }).max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'The two new passwords differ.' });

/** Changes the password (the current one is required) and ends every session, this one included. */
export async function changePasswordAction(_prev: PasswordState, formArg: FormData): Promise<PasswordState> {
  const user = await requireUser('/settings');
  const formData = asFormData(formArg);
  if (!formData) return { errors: { form: NOT_A_FORM } };
  const parsed = input.safeParse({
    currentPassword: formData.get('currentPassword'),
    newPassword: formData.get('newPassword'),
    confirmPassword: formData.get('confirmPassword'),
  });
  if (!parsed.success) {
    const errors: PasswordState['errors'] = {};
    for (const [k, v] of Object.entries(z.flattenError(parsed.error).fieldErrors)) errors[k as keyof typeof errors] = (v as string[])[0];
    return { errors };
  }
  // Guessing the current password here is throttled like signing in.
  const throttle = throttles(db()).signIn;
  const address = clientAddress(await headers());
  const wait = await throttle.waitSeconds(user.email, address);
  if (wait > 0) return { errors: { form: throttledMessage(wait) } };
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    await throttle.failed(user.email, address);
    return { errors: { currentPassword: 'That is not your current password.' } };
  }
  if (parsed.data.newPassword === parsed.data.currentPassword) return { errors: { newPassword: 'Choose a password different from your current one.' } };
  const weak = await passwordProblem(parsed.data.newPassword, [user.email, user.name ?? '']);
  if (weak) return { errors: { newPassword: weak } };
  await setPassword(db(), user.id, await hashPassword(parsed.data.newPassword));
  return { ok: true, email: user.email };
}

export interface SignOutEverywhereState {
  ok?: boolean;
}

/** Every session of the learner's, on every device, ends now. */
export async function signOutEverywhereAction(_prev: SignOutEverywhereState, formArg: FormData): Promise<SignOutEverywhereState> {
  const user = await requireUser('/settings');
  // Called by its form only: anything else is not a request this page sends.
  if (!asFormData(formArg)) return { ok: false };
  await endAllSessions(db(), user.id);
  return { ok: true };
}
