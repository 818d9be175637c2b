import { db } from '@/lib/db/client';
import { currentSessionUser } from '@/lib/db/sessions';
import type { User } from '@/lib/db/tables';
import { decodeToken } from './jwt';
import { authOptions } from './options';

/**
 * The user a session token belongs to, or null. It decodes the token itself (next-auth's
 * algorithm, with the derived key kept: lib/auth/jwt.ts) instead of running next-auth's whole
 * session endpoint, which also re-encrypted the token on every request; then one prepared
 * read checks the user, the session version and the revoked sessions. Pages and route
 * handlers reach it through `currentUser()`; the grading fast path (lib/server/fast-routes.ts)
 * calls it with the token from the Cookie header.
 */
export async function userFromSessionToken(token: string | null): Promise<User | null> {
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
