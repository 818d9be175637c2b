import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
    /** The user's session version the token was issued under (lib/db/sessions.ts). */
    sv?: number;
    /** This session's id, revoked at sign-out. */
    sid?: string;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sv?: number;
    sid?: string;
  }
}
