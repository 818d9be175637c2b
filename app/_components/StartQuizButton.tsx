'use client';

import { useActionState } from 'react';
import { startQuizAction, type StartState } from '@/lib/study/quiz-actions';

export function StartQuizButton({ kind, sourceId, label }: { kind: 'topic' | 'collection'; sourceId: string; label: string }) {
  const [state, action, pending] = useActionState<StartState, FormData>(startQuizAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sourceId" value={sourceId} />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Opening…' : label}
      </button>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
