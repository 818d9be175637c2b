import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeToken, sessionTokenFrom } from './jwt';

const secret = 'a-test-secret-that-is-long-enough-for-next-auth';

describe('session token decoding with a kept key', () => {
  it('decodes what next-auth encodes, claims included, again and again', async () => {
    const token = await encode({ token: { sub: 'user-1', sv: 2, sid: 'abc' }, secret });
    for (let i = 0; i < 3; i++) {
      const claims = await decodeToken({ token, secret });
      expect(claims).toMatchObject({ sub: 'user-1', sv: 2, sid: 'abc' });
    }
  });

  it('refuses a token under another secret, a tampered one and an expired one', async () => {
    const token = await encode({ token: { sub: 'user-1' }, secret });
    await expect(decodeToken({ token, secret: `${secret}-other` })).rejects.toThrow();
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(decodeToken({ token: tampered, secret })).rejects.toThrow();
    const expired = await encode({ token: { sub: 'user-1' }, secret, maxAge: -60 });
    await expect(decodeToken({ token: expired, secret })).rejects.toThrow();
    expect(await decodeToken({ token: '', secret })).toBeNull();
  });

  it('reads the token whole or from next-auth’s chunks', () => {
    const jar = (entries: Record<string, string>) => ({ get: (n: string) => (n in entries ? { value: entries[n]! } : undefined) });
    expect(sessionTokenFrom(jar({ 'next-auth.session-token': 'whole' }), 'next-auth.session-token')).toBe('whole');
    expect(sessionTokenFrom(jar({ 'next-auth.session-token.0': 'ab', 'next-auth.session-token.1': 'cd' }), 'next-auth.session-token')).toBe('abcd');
    expect(sessionTokenFrom(jar({}), 'next-auth.session-token')).toBeNull();
  });
});
