'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { createUser, EmailTakenError } from '@/lib/db/users';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import { signUpSchema } from '@/lib/auth/validation';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { clientAddress, throttles } from '@/lib/security/throttle';
import { describeWait } from '@/lib/security/wait';
import { isValidTimezone } from '@/lib/srs/day';

export interface SignUpState {
  ok: boolean;
  errors: Partial<Record<'name' | 'email' | 'password' | 'form', string>>;
  email?: string;
}

export async function signUp(_prev: SignUpState, formArg: FormData): Promise<SignUpState> {
  const formData = asFormData(formArg);
  if (!formData) return { ok: false, errors: { form: NOT_A_FORM } };
  const parsed = signUpSchema.safeParse({
    name: formData.get('name') ?? undefined,
    email: formData.get('email'),
    password: formData.get('password'),
  });
  if (!parsed.success) {
    const errors: SignUpState['errors'] = {};
    for (const [field, messages] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
      errors[field as keyof SignUpState['errors']] = (messages as string[])[0];
    }
    return { ok: false, errors };
  }
  const weak = await passwordProblem(parsed.data.password, [parsed.data.email, parsed.data.name]);
  if (weak) return { ok: false, errors: { password: weak } };
  const wait = await throttles(db()).signUp.take(clientAddress(await headers()));
  if (wait > 0) {
    return { ok: false, errors: { form: `Too many accounts were created from your network recently. Try again in ${describeWait(wait)}.` } };
  }
  const tz = formData.get('timezone');
  try {
    await createUser(db(), {
      email: parsed.data.email,
      name: parsed.data.name,
      passwordHash: await hashPassword(parsed.data.password),
      timezone: typeof tz === 'string' && isValidTimezone(tz) ? tz : undefined,
    });
  } catch (e) {
    if (e instanceof EmailTakenError) {
      return { ok: false, errors: { email: 'An account with that email already exists. Sign in instead?' } };
    }
    throw e;
  }
  return { ok: true, errors: {}, email: parsed.data.email };
}
