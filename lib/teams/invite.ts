import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An invite link carries `<invite id>.<secret>`. The id finds the row; the secret is checked
 * against the stored SHA-256 hash in constant time. Only the hash is stored, so a copy of the
 * database lets nobody join.
 */
export const INVITE_TOKEN = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;
export const INVITE_DAYS_DEFAULT = 7;

export function newInviteSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseInviteToken(token: string): { inviteId: string; secret: string } | null {
  if (!INVITE_TOKEN.test(token)) return null;
  const [inviteId, secret] = token.split('.') as [string, string];
  return { inviteId, secret };
}

/** Compares the secret's hash with the stored one without leaking where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export type InviteProblem = 'revoked' | 'expired' | 'used-up';

export function inviteProblem(invite: { revokedAt: Date | null; expiresAt: Date; maxUses: number | null; uses: number }, now: Date): InviteProblem | null {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used-up';
  return null;
}

export const INVITE_PROBLEM_TEXT: Record<InviteProblem | 'unknown', string> = {
  unknown: 'This invite link is not valid. Check that you copied all of it, or ask for a new one.',
  revoked: 'This invite link was revoked. Ask the team for a new one.',
  expired: 'This invite link has expired. Ask the team for a new one.',
  'used-up': 'This invite link has been used as many times as it allows. Ask the team for a new one.',
};
