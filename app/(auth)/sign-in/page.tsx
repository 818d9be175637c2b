import Link from 'next/link';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { Brand } from '@/app/_components/Brand';
import { SignInForm } from './SignInForm';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const cb = typeof callbackUrl === 'string' ? callbackUrl : undefined;
  if (await currentUser()) redirect(cb && cb.startsWith('/') && !cb.startsWith('//') ? cb : '/dashboard');
  return (
    <main className="auth-wrap" id="main">
      <div className="auth-card panel">
        <Brand />
        <h1>Sign in</h1>
        {cb && <p className="alert alert-info">Sign in to continue.</p>}
        <SignInForm callbackUrl={cb} />
        <p className="muted" style={{ marginTop: '1rem' }}>
          New here? <Link href="/sign-up">Create an account</Link>
        </p>
      </div>
    </main>
  );
}
