import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { revokedSessions } from './schema';
import { endAllSessions, revokeSession, sessionIsCurrent, setPassword } from './sessions';
import { getUser } from './users';

let ctx: ReturnType<typeof freshDb>;
beforeEach(() => {
  ctx = freshDb();
});
afterEach(() => ctx.cleanup());

const T0 = new Date('2026-05-01T10:00:00Z');

describe('sessions', () => {
  it('a new user’s tokens (version 0, or none from before versions) are current', () => {
    const user = getUser(ctx.db, ctx.learner())!;
    expect(sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'a' })).toBe(true);
    expect(sessionIsCurrent(ctx.db, user, {})).toBe(true);
  });

  it('signing out ends that session only', () => {
    const id = ctx.learner();
    revokeSession(ctx.db, id, 'phone', new Date(T0.getTime() + 86_400_000), T0);
    const user = getUser(ctx.db, id)!;
    expect(sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'phone' })).toBe(false);
    expect(sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'laptop' })).toBe(true);
  });

  it('signing out everywhere ends every session, old tokens included', () => {
    const id = ctx.learner();
    endAllSessions(ctx.db, id);
    const user = getUser(ctx.db, id)!;
    expect(user.sessionVersion).toBe(1);
    expect(sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'laptop' })).toBe(false);
    expect(sessionIsCurrent(ctx.db, user, {})).toBe(false);
    expect(sessionIsCurrent(ctx.db, user, { sv: 1, sid: 'new' })).toBe(true);
  });

  it('a password change ends every session', () => {
    const id = ctx.learner();
    setPassword(ctx.db, id, 'new-hash');
    const user = getUser(ctx.db, id)!;
    expect(user.passwordHash).toBe('new-hash');
    expect(sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'laptop' })).toBe(false);
  });

  it('forgets revoked sessions once they would have expired anyway', () => {
    const id = ctx.learner();
    revokeSession(ctx.db, id, 'old', new Date(T0.getTime() - 1), T0);
    revokeSession(ctx.db, id, 'new', new Date(T0.getTime() + 1000), T0);
    expect(ctx.db.select().from(revokedSessions).all().map((r) => r.sid)).toEqual(['new']);
  });
});
