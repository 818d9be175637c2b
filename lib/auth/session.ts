import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { sessionIsCurrent } from '@/lib/db/sessions';
import { getUser } from '@/lib/db/users';
import type { User } from '@/lib/db/schema';
import { authOptions } from './options';

/**
 * The signed-in user, or null. A token for a user that no longer exists, from a session
 * that was signed out, or from before "sign out everywhere" or a password change counts as
 * signed out.
 */
export async function currentUser(): Promise<User | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = getUser(db(), id);
  if (!user || !sessionIsCurrent(db(), user, { sv: session.sv, sid: session.sid })) return null;
  return user;
}

/** For pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(callbackUrl = '/dashboard'): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
