'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import { markRead, type MarkReadState } from '@/lib/study/read-action';

export function MarkReadButton({
  topicId,
  readAt,
  cardCount,
  heading,
}: {
  topicId: string;
  readAt: string | null;
  cardCount: number;
  /** A heading above it, where it sits among other panels (the lesson's end). */
  heading?: React.ReactNode;
}) {
  const [state, action, pending] = useActionState<MarkReadState, FormData>(markRead, { ok: false });
  if (readAt || state.ok) {
    return (
      <div className="panel" role="status">
        {heading}
        <p style={{ margin: 0, fontWeight: 600, color: 'var(--good)' }}>✓ Read{readAt ? ` on ${readAt}` : ''}</p>
        <p className="muted" style={{ margin: '0.25rem 0 0.75rem' }}>
          Its {cardCount} cards are in your review queue, introduced a few each day.
        </p>
        <Link className="btn btn-small" href="/review">
          Review now
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="panel">
      {heading}
      <input type="hidden" name="topicId" value={topicId} />
      <p className="muted" style={{ marginTop: 0 }}>
        Finished reading? Marking it read adds its {cardCount} flashcards to your reviews.
      </p>
      <button type="submit" className="btn btn-primary" disabled={pending} style={{ width: '100%' }}>
        {pending ? 'Saving…' : 'Mark as read'}
      </button>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
