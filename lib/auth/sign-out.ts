import 'server-only';
import { cookies } from 'next/headers';
import { db } from '@/lib/db/client';
import { revokeSession } from '@/lib/db/sessions';
import { decodeToken, sessionCookieName, sessionTokenFrom } from './jwt';
import { authOptions, MAX_AGE_SECONDS } from './options';

/** Ends a session in the database: its id is revoked until the token would have expired anyway. */
export async function revokeClaims(token: { sub?: string; sid?: string; exp?: unknown }): Promise<void> {
  if (!token.sub || !token.sid) return;
  const exp = typeof token.exp === 'number' ? token.exp * 1000 : Date.now() + MAX_AGE_SECONDS * 1000;
  await revokeSession(db(), token.sub, token.sid, new Date(exp));
}

/**
 * Sign-out: revokes the session of the request's cookie (if it decodes) and returns the
 * cookie names to clear (the token, or its chunks).
 */
export async function endSessionFromToken(): Promise<{ cookies: string[]; secure: boolean }> {
  const jar = await cookies();
  const name = sessionCookieName();
  const token = sessionTokenFrom(jar, name);
  if (token) {
    try {
      const claims = await decodeToken({ token, secret: authOptions.secret! });
      if (claims) await revokeClaims(claims);
    } catch {
      // A token that does not decode ends nothing; the cookie is cleared all the same.
    }
  }
  const names = jar
    .getAll()
    .map((c) => c.name)
    .filter((n) => n === name || n.startsWith(`${name}.`));
  return { cookies: names.length ? names : [name], secure: name.startsWith('__Secure-') };
}
