import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { raw } from './prepared';
import { revokedSessions, users, type User } from './tables';
import { first, transaction } from './tx';

/** What a session token says about itself (lib/auth/options.ts puts it there at sign-in). */
export interface TokenClaims {
  /** The user's session version when the token was issued (absent on tokens from before versions: 0). */
  sv?: number;
  /** The session's own id, so one sign-out can end just that session. */
  sid?: string;
}

/** A token counts only while its version is the user's and its session was not signed out. */
export async function sessionIsCurrent(database: Db, user: User, claims: TokenClaims): Promise<boolean> {
  if ((claims.sv ?? 0) !== user.sessionVersion) return false;
  if (!claims.sid) return true;
  const revoked = await first(
    database
      .select({ sid: revokedSessions.sid })
      .from(revokedSessions)
      .where(and(eq(revokedSessions.sid, claims.sid), eq(revokedSessions.userId, user.id))),
  );
  return !revoked;
}

/**
 * The user a token belongs to, if the token still counts (sessionIsCurrent): the user row and
 * the revocation check in one prepared statement, since every signed-in request runs it.
 */
export async function currentSessionUser(database: Db, userId: string, claims: TokenClaims): Promise<User | undefined> {
  const row = await raw(database).get<{
    id: string;
    email: string;
    name: string | null;
    password_hash: string;
    session_version: number;
    goal: User['goal'];
    onboarded_at: number | null;
    created_at: number;
    revoked: number;
  }>(
    `select id, email, name, password_hash, session_version, goal, onboarded_at, created_at,
       exists(select 1 from revoked_sessions r where r.sid = ? and r.user_id = users.id) as revoked
     from users where id = ?`,
    claims.sid ?? null,
    userId,
  );
  if (!row || row.revoked || (claims.sv ?? 0) !== row.session_version) return undefined;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    sessionVersion: row.session_version,
    goal: row.goal,
    onboardedAt: row.onboarded_at === null ? null : new Date(row.onboarded_at),
    createdAt: new Date(row.created_at),
  };
}

/** Sign-out: this session's token stops working everywhere it was copied. */
export async function revokeSession(database: Db, userId: string, sid: string, expiresAt: Date, now = new Date()): Promise<void> {
  await transaction(database, async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
    await tx.insert(revokedSessions).values({ sid, userId, expiresAt }).onConflictDoNothing();
  });
}

/** "Sign out everywhere": every token issued so far stops working. */
export async function endAllSessions(database: Db, userId: string): Promise<void> {
  await transaction(database, (tx) =>
    tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId)),
  );
}

/** A new password ends every session (the caller signs the learner in again with it), in one transaction. */
export async function setPassword(database: Db, userId: string, passwordHash: string): Promise<void> {
  await transaction(database, (tx) =>
    tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId)),
  );
}
