import hkdf from '@panva/hkdf';
import { jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams } from 'next-auth/jwt';

/**
 * next-auth's own `decode`, with the derived key kept: next-auth derives it with HKDF from
 * the secret on every call, which was 7.7% of a grade's CPU (issue 11). Same key, same
 * algorithm (dir + A256GCM), same 15 s clock tolerance, so tokens issued by next-auth's
 * `encode` decode here and the other way round.
 */
const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string, salt: string): Promise<Uint8Array> {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = hkdf('sha256', secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`, 32);
    keys.set(id, key);
  }
  return key;
}

export async function decodeToken({ token, secret, salt = '' }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedKey(String(secret), salt), { clockTolerance: 15 });
  return payload as JWT;
}

/** The session cookie's name, as next-auth chooses it (secure cookies when the site is https). */
export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** The session token from a cookie jar: whole, or in next-auth's chunks (`name.0`, `name.1`, …) when it was too long for one. */
export function sessionTokenFrom(cookies: { get(name: string): { value: string } | undefined }, name = sessionCookieName()): string | null {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  let token = '';
  for (let i = 0; ; i++) {
    const part = cookies.get(`${name}.${i}`)?.value;
    if (part === undefined) break;
    token += part;
  }
  return token || null;
}
