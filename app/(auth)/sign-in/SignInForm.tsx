'use client';

import { useState } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { throttledMessage, throttledSeconds } from '@/lib/auth/throttle-message';
import { safeRedirectPath } from '@/lib/security/redirect';

export function SignInForm({
  callbackUrl,
  initialError = '',
  demo,
}: {
  callbackUrl?: string;
  initialError?: string;
  /** The demo learner's login, when the database has the demo learner. */
  demo?: { email: string; password: string };
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const [demoPending, setDemoPending] = useState(false);

  async function onSubmit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and password.');
      return;
    }
    await submit(email, password);
  }

  /** The same sign-in as the form's (next-auth's CSRF token, the server's throttling), with the demo's login. */
  async function tryDemo() {
    if (!demo) return;
    setDemoPending(true);
    await submit(demo.email, demo.password);
    setDemoPending(false);
  }

  async function submit(email: string, password: string) {
    setPending(true);
    setError('');
    const res = await signIn('credentials', { email, password, redirect: false });
    if (res?.ok && !res.error) {
      // Only our own paths are followed after sign-in.
      router.replace(safeRedirectPath(callbackUrl, window.location.origin));
      router.refresh();
    } else {
      setPending(false);
      const wait = throttledSeconds(res?.error);
      setError(wait !== null ? throttledMessage(wait) : 'Wrong email or password. Check both and try again.');
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="btn btn-primary" type="submit" disabled={pending} style={{ width: '100%' }}>
        {pending && !demoPending ? 'Signing in…' : 'Sign in'}
      </button>
      {demo && (
        <div className="demo-offer" data-testid="demo-offer">
          <p className="muted" style={{ margin: 0 }}>
            Just looking? The demo learner has 60 days of lessons, reviews and quizzes behind them.
          </p>
          <button type="button" className="btn" onClick={tryDemo} disabled={pending} style={{ width: '100%' }}>
            {demoPending ? 'Opening the demo…' : 'Try the demo'}
          </button>
        </div>
      )}
    </form>
  );
}
