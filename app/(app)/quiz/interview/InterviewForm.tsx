'use client';

import { useActionState } from 'react';
import { startInterviewAction, type StartState } from '@/lib/study/quiz-actions';

export function InterviewForm({
  sizes,
  seconds,
  studiedCount,
  allCount,
}: {
  sizes: readonly number[];
  seconds: readonly number[];
  studiedCount: number;
  allCount: number;
}) {
  const [state, action, pending] = useActionState<StartState, FormData>(startInterviewAction, {});
  return (
    <form action={action} className="panel stack">
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: '0.4rem' }}>Questions</legend>
        <div className="row">
          {sizes.map((n, i) => (
            <label key={n} className="row" style={{ gap: '0.35rem' }}>
              <input type="radio" name="count" value={n} defaultChecked={i === 0} /> {n}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="seconds">Time per question</label>
        <select id="seconds" name="seconds" defaultValue="60">
          {seconds.map((s) => (
            <option key={s} value={s}>
              {s < 60 ? `${s} seconds` : s === 60 ? '1 minute' : `${s / 60} minutes`}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: '0.4rem' }}>Draw questions from</legend>
        <label className="row" style={{ gap: '0.35rem' }}>
          <input type="radio" name="source" value="studied" defaultChecked={studiedCount >= 10} disabled={studiedCount < 10} />
          Patterns I have studied ({studiedCount} scenario questions)
        </label>
        <label className="row" style={{ gap: '0.35rem' }}>
          <input type="radio" name="source" value="all" defaultChecked={studiedCount < 10} /> The whole library ({allCount})
        </label>
      </fieldset>
      <p className="muted" style={{ margin: 0 }}>
        No feedback until the end. When the time runs out the interview submits itself; unanswered questions count as wrong.
      </p>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Starting…' : 'Start the interview'}
      </button>
      {state.error && (
        <p className="alert alert-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
