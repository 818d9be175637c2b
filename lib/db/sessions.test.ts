import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { revokedSessions } from './tables';
import { currentSessionUser, endAllSessions, revokeSession, sessionIsCurrent, setPassword } from './sessions';
import { getUser } from './users';

let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

const T0 = new Date('2026-05-01T10:00:00Z');

describe('sessions', () => {
  it('a new user’s tokens (version 0, or none from before versions) are current', async () => {
    const user = (await getUser(ctx.db, await ctx.learner()))!;
    expect(await sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'a' })).toBe(true);
    expect(await sessionIsCurrent(ctx.db, user, {})).toBe(true);
  });

  it('signing out ends that session only', async () => {
    const id = await ctx.learner();
    await revokeSession(ctx.db, id, 'phone', new Date(T0.getTime() + 86_400_000), T0);
    const user = (await getUser(ctx.db, id))!;
    expect(await sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'phone' })).toBe(false);
    expect(await sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'laptop' })).toBe(true);
  });

  it('signing out everywhere ends every session, old tokens included', async () => {
    const id = await ctx.learner();
    await endAllSessions(ctx.db, id);
    const user = (await getUser(ctx.db, id))!;
    expect(user.sessionVersion).toBe(1);
    expect(await sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'laptop' })).toBe(false);
    expect(await sessionIsCurrent(ctx.db, user, {})).toBe(false);
    expect(await sessionIsCurrent(ctx.db, user, { sv: 1, sid: 'new' })).toBe(true);
  });

  it('a password change ends every session', async () => {
    const id = await ctx.learner();
    await setPassword(ctx.db, id, 'new-hash');
    const user = (await getUser(ctx.db, id))!;
    expect(user.passwordHash).toBe('new-hash');
    expect(await sessionIsCurrent(ctx.db, user, { sv: 0, sid: 'laptop' })).toBe(false);
  });

  it('forgets revoked sessions once they would have expired anyway', async () => {
    const id = await ctx.learner();
    await revokeSession(ctx.db, id, 'old', new Date(T0.getTime() - 1), T0);
    await revokeSession(ctx.db, id, 'new', new Date(T0.getTime() + 1000), T0);
    expect((await ctx.db.select().from(revokedSessions)).map((r) => r.sid)).toEqual(['new']);
  });
});

describe('the per-request session check (one prepared read)', () => {
  it('agrees with sessionIsCurrent on versions, revoked ids and missing users', async () => {
    const id = await ctx.learner();
    await revokeSession(ctx.db, id, 'phone', new Date(T0.getTime() + 86_400_000), T0);
    const cases = [{ sv: 0, sid: 'laptop' }, { sv: 0, sid: 'phone' }, {}, { sv: 1, sid: 'laptop' }, { sv: 0 }];
    for (const claims of cases) {
      const expected = await sessionIsCurrent(ctx.db, (await getUser(ctx.db, id))!, claims);
      const found = await currentSessionUser(ctx.db, id, claims);
      expect(Boolean(found), JSON.stringify(claims)).toBe(expected);
      if (found) expect(found).toEqual(await getUser(ctx.db, id));
    }
    await endAllSessions(ctx.db, id);
    expect(await currentSessionUser(ctx.db, id, { sv: 0, sid: 'laptop' })).toBeUndefined();
    expect((await currentSessionUser(ctx.db, id, { sv: 1, sid: 'laptop' }))?.id).toBe(id);
    expect(await currentSessionUser(ctx.db, 'no-such-user', {})).toBeUndefined();
  });

  it('a session revoked for another user does not end this one', async () => {
    const a = await ctx.learner();
    const b = await ctx.learner();
    await revokeSession(ctx.db, a, 'shared-id', new Date(T0.getTime() + 86_400_000), T0);
    expect((await currentSessionUser(ctx.db, b, { sv: 0, sid: 'shared-id' }))?.id).toBe(b);
    expect(await currentSessionUser(ctx.db, a, { sv: 0, sid: 'shared-id' })).toBeUndefined();
  });
});
