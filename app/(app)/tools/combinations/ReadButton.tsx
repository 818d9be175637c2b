'use client';

import { useActionState } from 'react';
import { markRead, type MarkReadState } from '@/lib/study/read-action';

/** "Mark as read" for one combination: its cards and questions then join the learner's reviews. */
export function ReadButton({ topicId, title, read, cardCount }: { topicId: string; title: string; read: boolean; cardCount: number }) {
  const [state, action, pending] = useActionState<MarkReadState, FormData>(markRead, { ok: false });
  if (read || state.ok) {
    return (
      <p className="muted" role="status" style={{ margin: 0 }}>
        <span style={{ color: 'var(--good)', fontWeight: 600 }}>✓ Read.</span> Its {cardCount === 1 ? 'card is' : `${cardCount} cards are`} in your
        reviews.
      </p>
    );
  }
  return (
    <form action={action}>
      <input type="hidden" name="topicId" value={topicId} />
      {/* Named by its visible text, then which combination (axe: label-content-name-mismatch). */}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? (
          'Saving…'
        ) : (
          <>
            Mark as read<span className="sr-only">: {title}</span>
          </>
        )}
      </button>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
