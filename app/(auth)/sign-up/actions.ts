'use server';

import { z } from 'zod';
import { db } from '@/lib/db/client';
import { createUser, EmailTakenError } from '@/lib/db/users';
import { hashPassword } from '@/lib/auth/password';
import { signUpSchema } from '@/lib/auth/validation';
import { isValidTimezone } from '@/lib/srs/day';

export interface SignUpState {
  ok: boolean;
  errors: Partial<Record<'name' | 'email' | 'password' | 'form', string>>;
  email?: string;
}

export async function signUp(_prev: SignUpState, formData: FormData): Promise<SignUpState> {
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
  const tz = String(formData.get('timezone') ?? '');
  try {
    createUser(db(), {
      email: parsed.data.email,
      name: parsed.data.name,
      passwordHash: await hashPassword(parsed.data.password),
      timezone: tz && isValidTimezone(tz) ? tz : undefined,
    });
  } catch (e) {
    if (e instanceof EmailTakenError) {
      return { ok: false, errors: { email: 'An account with that email already exists. Sign in instead?' } };
    }
    throw e;
  }
  return { ok: true, errors: {}, email: parsed.data.email };
}
