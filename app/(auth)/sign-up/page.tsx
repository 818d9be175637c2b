import Link from 'next/link';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { Brand } from '@/app/_components/Brand';
import { SignUpForm } from './SignUpForm';

export const metadata: Metadata = { title: 'Create account' };
export const dynamic = 'force-dynamic';

export default async function SignUpPage() {
  if (await currentUser()) redirect('/dashboard');
  return (
    <main className="auth-wrap" id="main">
      <div className="auth-card panel">
        <Brand />
        <h1>Create your account</h1>
        <p className="muted">Free. Your progress stays yours.</p>
        <SignUpForm />
        <p className="muted" style={{ marginTop: '1rem' }}>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
