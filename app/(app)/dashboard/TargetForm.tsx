'use client';

import { useActionState } from 'react';
import { setTargetAction, type FormState } from '@/lib/study/progress-actions';

export function TargetForm({ paths, current }: { paths: { id: string; title: string }[]; current: { date: string; pathId: string } | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setTargetAction, {});
  return (
    <form action={action} className="row" style={{ alignItems: 'flex-end' }}>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="target-date">Ready by</label>
        <input id="target-date" name="date" type="date" required defaultValue={current?.date} />
      </div>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="target-path">Path</label>
        <select id="target-path" name="pathId" defaultValue={current?.pathId ?? 'beginner'}>
          {paths.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Saving…' : current ? 'Update plan' : 'Make a plan'}
      </button>
      {current && (
        <button type="submit" name="clear" value="1" className="btn" formNoValidate disabled={pending}>
          Remove
        </button>
      )}
      {state.error && (
        <p className="error-text" role="alert" style={{ width: '100%' }}>
          {state.error}
        </p>
      )}
    </form>
  );
}
