import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared, rawClient } from './prepared';
import { revokedSessions, users, type User } from './schema';

/** What a session token says about itself (lib/auth/options.ts puts it there at sign-in). */
export interface TokenClaims {
  /** The user's session version when the token was issued (absent on tokens from before versions: 0). */
  sv?: number;
  /** The session's own id, so one sign-out can end just that session. */
  sid?: string;
}

/** A token counts only while its version is the user's and its session was not signed out. */
export function sessionIsCurrent(database: Db, user: User, claims: TokenClaims): boolean {
  if ((claims.sv ?? 0) !== user.sessionVersion) return false;
  if (!claims.sid) return true;
  const revoked = database
    .select({ sid: revokedSessions.sid })
    .from(revokedSessions)
    .where(and(eq(revokedSessions.sid, claims.sid), eq(revokedSessions.userId, user.id)))
    .get();
  return !revoked;
}

/**
 * The user a token belongs to, if the token still counts (sessionIsCurrent): the user row and
 * the revocation check in one prepared statement, since every signed-in request runs it.
 */
export function currentSessionUser(database: Db, userId: string, claims: TokenClaims): User | undefined {
  const row = prepared(
    rawClient(database),
    `select id, email, name, password_hash, session_version, goal, onboarded_at, created_at,
       exists(select 1 from revoked_sessions r where r.sid = ? and r.user_id = users.id) as revoked
     from users where id = ?`,
  ).get(claims.sid ?? null, userId) as
    | {
        id: string;
        email: string;
        name: string | null;
        password_hash: string;
        session_version: number;
        goal: User['goal'];
        onboarded_at: number | null;
        created_at: number;
        revoked: number;
      }
    | undefined;
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
export function revokeSession(database: Db, userId: string, sid: string, expiresAt: Date, now = new Date()): void {
  database.transaction((tx) => {
    tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now)).run();
    tx.insert(revokedSessions).values({ sid, userId, expiresAt }).onConflictDoNothing().run();
  });
}

/** "Sign out everywhere": every token issued so far stops working. */
export function endAllSessions(database: Db, userId: string): void {
  database
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .run();
}

/** A new password ends every session (the caller signs the learner in again with it), in one transaction. */
export function setPassword(database: Db, userId: string, passwordHash: string): void {
  database
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .run();
}
