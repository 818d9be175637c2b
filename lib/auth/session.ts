import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { getUser } from '@/lib/db/users';
import type { User } from '@/lib/db/schema';
import { authOptions } from './options';

/** The signed-in user, or null. A token for a user that no longer exists counts as signed out. */
export async function currentUser(): Promise<User | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return getUser(db(), id) ?? null;
}

/** For pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(callbackUrl = '/dashboard'): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
