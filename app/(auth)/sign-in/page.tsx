import Link from 'next/link';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { throttledMessage, throttledSeconds } from '@/lib/auth/throttle-message';
import { safeRedirectPath } from '@/lib/security/redirect';
import { appOrigin } from '@/lib/security/origin';
import { headers } from 'next/headers';
import { Brand } from '@/app/_components/Brand';
import { SignInForm } from './SignInForm';
import { db } from '@/lib/db/client';
import { findUserByEmail } from '@/lib/db/users';
import { DEMO_EMAIL, DEMO_PASSWORD } from '@/lib/demo';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** What next-auth's error codes (`?error=`, from its own redirects) mean to the learner. */
function errorMessage(code: string | undefined): string {
  if (!code) return '';
  const wait = throttledSeconds(code);
  if (wait !== null) return throttledMessage(wait);
  if (code === 'CredentialsSignin') return 'Wrong email or password. Check both and try again.';
  return 'Signing in did not work. Please try again.';
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  const { callbackUrl, error } = await searchParams;
  const requested = typeof callbackUrl === 'string' ? callbackUrl : undefined;
  const h = await headers();
  const origin = appOrigin(`${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost'}`);
  // Only our own paths: anything else (another host, javascript:, …) becomes the dashboard.
  const cb = requested === undefined ? undefined : safeRedirectPath(requested, origin);
  if (await currentUser()) redirect(cb ?? '/dashboard');
  return (
    <main className="auth-wrap" id="main">
      <div className="auth-card panel">
        <Brand />
        <h1>Sign in</h1>
        {cb && <p className="alert alert-info">Sign in to continue.</p>}
        <SignInForm
          callbackUrl={cb}
          initialError={errorMessage(typeof error === 'string' ? error : undefined)}
          demo={await findUserByEmail(db(), DEMO_EMAIL) ? { email: DEMO_EMAIL, password: DEMO_PASSWORD } : undefined}
        />
        <p className="muted" style={{ marginTop: '1rem' }}>
          New here? <Link href="/sign-up">Create an account</Link>
        </p>
      </div>
    </main>
  );
}
