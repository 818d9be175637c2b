import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { revokeSession } from '@/lib/db/sessions';
import { findUserByEmail } from '@/lib/db/users';
import { safeRedirectPath } from '@/lib/security/redirect';
import { clientAddress, throttles } from '@/lib/security/throttle';
import { decodeToken } from './jwt';
import { dummyHash, verifyPassword } from './password';
import { throttledCode } from './throttle-message';
import { signInSchema } from './validation';

export const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: MAX_AGE_SECONDS },
  // next-auth's decode with the derived key kept (lib/auth/jwt.ts); encoding stays next-auth's.
  jwt: { decode: decodeToken },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  // Development falls back to a fixed secret; `npm start` generates and keeps a real one.
  secret: process.env.NEXTAUTH_SECRET ?? (process.env.NODE_ENV === 'production' ? undefined : 'patternwise-dev-secret-not-for-production'),
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddress(req?.headers);
        const throttle = throttles(db()).signIn;
        // Checked before the password, so a right guess during the wait is not confirmed.
        const wait = await throttle.waitSeconds(email, address);
        if (wait > 0) throw new Error(throttledCode(wait));
        const user = await findUserByEmail(db(), email);
        const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await dummyHash(), password).then(() => false);
        if (!user || !ok) {
          await throttle.failed(email, address);
          return null;
        }
        await throttle.succeeded(email);
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      session.sv = token.sv;
      session.sid = token.sid;
      return session;
    },
    // Only our own paths, whatever callbackUrl a link or a form carried.
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
  },
  events: {
    // Sign-out ends the session in the database too: a copy of the cookie stops working.
    async signOut({ token }) {
      if (token?.sub && token.sid) {
        const exp = typeof token.exp === 'number' ? token.exp * 1000 : Date.now() + MAX_AGE_SECONDS * 1000;
        await revokeSession(db(), token.sub, token.sid, new Date(exp));
      }
    },
  },
};
