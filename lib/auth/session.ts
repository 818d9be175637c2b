import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { User } from '@/lib/db/tables';
import { sessionTokenFrom } from './jwt';
import { userFromSessionToken } from './session-user';

/**
 * The signed-in user, or null. A token for a user that no longer exists, from a session
 * that was signed out, or from before "sign out everywhere" or a password change counts as
 * signed out (lib/auth/session-user.ts).
 */
export async function currentUser(): Promise<User | null> {
  return userFromSessionToken(sessionTokenFrom(await cookies()));
}

/** For pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(callbackUrl = '/dashboard'): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
