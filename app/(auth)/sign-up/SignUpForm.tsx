'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { signUp, type SignUpState } from './actions';

export function SignUpForm() {
  const [state, setState] = useState<SignUpState>({ ok: false, errors: {} });
  const [phase, setPhase] = useState<'idle' | 'creating' | 'signing-in'>('idle');
  const [, startTransition] = useTransition();
  const router = useRouter();

  function onSubmit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget);
    // The learner's timezone decides when their study day starts; they can change it later.
    form.set('timezone', Intl.DateTimeFormat().resolvedOptions().timeZone ?? '');
    setPhase('creating');
    startTransition(async () => {
      const result = await signUp(state, form);
      setState(result);
      if (!result.ok || !result.email) {
        setPhase('idle');
        return;
      }
      setPhase('signing-in');
      const res = await signIn('credentials', { email: result.email, password: String(form.get('password')), redirect: false });
      if (res?.ok && !res.error) {
        router.replace('/welcome');
        router.refresh();
      } else {
        setPhase('idle');
        setState({ ok: false, errors: { form: 'Your account was created, but signing in failed. Please sign in.' } });
      }
    });
  }

  const e = state.errors;
  const busy = phase !== 'idle';
  return (
    <form onSubmit={onSubmit} noValidate>
      {e.form && (
        <p className="alert alert-error" role="alert">
          {e.form} <Link href="/sign-in">Sign in</Link>
        </p>
      )}
      <div className="field">
        <label htmlFor="name">
          Name <span className="muted">(optional)</span>
        </label>
        <input id="name" name="name" autoComplete="name" maxLength={80} />
        {e.name && <p className="error-text">{e.name}</p>}
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={Boolean(e.email)}
          aria-describedby={e.email ? 'email-error' : undefined}
        />
        {e.email && (
          <p className="error-text" id="email-error" role="alert">
            {e.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          aria-invalid={Boolean(e.password)}
          aria-describedby={e.password ? 'password-error password-hint' : 'password-hint'}
        />
        <span className="hint" id="password-hint">
          At least 10 characters, and not a common or easily guessed password.
        </span>
        {e.password && (
          <p className="error-text" id="password-error" role="alert">
            {e.password}
          </p>
        )}
      </div>
      <button className="btn btn-primary" type="submit" disabled={busy} style={{ width: '100%' }}>
        {phase === 'creating' ? 'Creating your account…' : phase === 'signing-in' ? 'Signing you in…' : 'Create account'}
      </button>
    </form>
  );
}
