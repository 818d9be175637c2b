'use client';

import { useActionState } from 'react';

/** A one-button form bound to a server action, with its pending state and error. */
/** What a one-button action returns: an error to show, or nothing (it redirects or revalidates). */
export interface FormState {
  ok?: boolean;
  error?: string;
}

export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  primary = true,
}: {
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  primary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={`btn ${primary ? 'btn-primary' : ''}`} disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
