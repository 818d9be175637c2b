import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { currentSessionUser } from '@/lib/db/sessions';
import type { User } from '@/lib/db/tables';
import { decodeToken, sessionTokenFrom } from './jwt';
import { authOptions } from './options';

/**
 * The signed-in user, or null. A token for a user that no longer exists, from a session
 * that was signed out, or from before "sign out everywhere" or a password change counts as
 * signed out. It decodes the session cookie itself (next-auth's algorithm, with the derived
 * key kept: lib/auth/jwt.ts) instead of running next-auth's whole session endpoint, which
 * also re-encrypted the token on every request; then one prepared read checks the user, the
 * session version and the revoked sessions.
 */
export async function currentUser(): Promise<User | null> {
  const token = sessionTokenFrom(await cookies());
  if (!token) return null;
  let claims;
  try {
    claims = await decodeToken({ token, secret: authOptions.secret! });
  } catch {
    // Tampered, expired or signed with another secret: not signed in, as next-auth treats it.
    return null;
  }
  if (!claims?.sub) return null;
  return await currentSessionUser(db(), claims.sub, { sv: claims.sv, sid: claims.sid }) ?? null;
}

/** For pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(callbackUrl = '/dashboard'): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
