'use client';

import { useActionState, useEffect, useState, useTransition } from 'react';
import { signIn, signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { changePasswordAction, signOutEverywhereAction, type PasswordState, type SignOutEverywhereState } from '@/lib/auth/account-actions';

function PasswordField({ id, label, autoComplete, error, hint }: { id: string; label: string; autoComplete: string; error?: string; hint?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        required
        maxLength={200}
        aria-invalid={Boolean(error)}
        aria-describedby={[error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p className="error-text" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function PasswordPanel() {
  const [state, setState] = useState<PasswordState>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [, startTransition] = useTransition();
  const router = useRouter();

  function onSubmit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const formEl = ev.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setDone(false);
    startTransition(async () => {
      const result = await changePasswordAction(state, form);
      setState(result);
      if (!result.ok || !result.email) {
        setBusy(false);
        return;
      }
      // The change ended every session, this one too: sign in again with the new password.
      const res = await signIn('credentials', { email: result.email, password: String(form.get('newPassword')), redirect: false });
      formEl.reset();
      setBusy(false);
      if (res?.ok && !res.error) {
        setDone(true);
        router.refresh();
      } else router.replace('/sign-in?callbackUrl=%2Fsettings');
    });
  }

  const e = state.errors ?? {};
  return (
    <form onSubmit={onSubmit} className="panel" noValidate>
      <h2 style={{ marginTop: 0 }}>Change password</h2>
      <p className="muted">Changing it signs you out on every other device.</p>
      {e.form && (
        <p className="alert alert-error" role="alert">
          {e.form}
        </p>
      )}
      {done && (
        <p className="alert alert-success" role="status" data-testid="password-changed">
          Password changed. Your other sessions have ended.
        </p>
      )}
      <PasswordField id="currentPassword" label="Current password" autoComplete="current-password" error={e.currentPassword} />
      <PasswordField
        id="newPassword"
        label="New password"
        autoComplete="new-password"
        error={e.newPassword}
        hint="At least 10 characters, and not a common or easily guessed password."
      />
      <PasswordField id="confirmPassword" label="New password again" autoComplete="new-password" error={e.confirmPassword} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

export function SignOutEverywherePanel() {
  const [state, action, pending] = useActionState<SignOutEverywhereState, FormData>(signOutEverywhereAction, {});
  useEffect(() => {
    if (state.ok) void signOut({ callbackUrl: '/sign-in' });
  }, [state]);
  return (
    <form action={action} className="panel">
      <h2 style={{ marginTop: 0 }}>Sessions</h2>
      <p className="muted">Lost a device, or signed in on a shared computer? End every session, including this one.</p>
      <button type="submit" className="btn btn-danger" disabled={pending || state.ok}>
        {pending || state.ok ? 'Signing out everywhere…' : 'Sign out everywhere'}
      </button>
    </form>
  );
}
