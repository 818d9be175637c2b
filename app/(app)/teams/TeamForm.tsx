'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { TeamFormState } from '@/lib/study/team-actions';

/**
 * A form bound to a team action: hidden fields, the inputs given as children, a submit button,
 * and the action's message (an error, a confirmation, or a new invite link to copy).
 */
export function TeamForm({
  action,
  hidden = {},
  submit,
  pending: pendingLabel,
  danger = false,
  primary = true,
  done,
  children,
  className,
  testId,
}: {
  action: (prev: TeamFormState, data: FormData) => Promise<TeamFormState>;
  hidden?: Record<string, string>;
  submit: string;
  pending: string;
  danger?: boolean;
  primary?: boolean;
  /** What to say after a success that does not navigate away. */
  done?: string;
  children?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const linkRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.link) linkRef.current?.select();
  }, [state.link]);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <form action={formAction} className={className ?? 'team-form'} data-testid={testId}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <div>
        <button type="submit" className={`btn ${danger ? 'btn-danger' : primary ? 'btn-primary' : ''}`} disabled={pending}>
          {pending ? pendingLabel : submit}
        </button>
      </div>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
      {state.ok && !state.link && done && (
        <p className="hint" role="status">
          {done}
        </p>
      )}
      {state.link && (
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="invite-link">Invite link (shown once: copy it now)</label>
          <input id="invite-link" ref={linkRef} readOnly value={`${origin}${state.link}`} data-testid="invite-link" />
        </div>
      )}
    </form>
  );
}
