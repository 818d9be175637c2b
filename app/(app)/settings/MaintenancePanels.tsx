'use client';

import { useActionState, useEffect, useState } from 'react';
import { rescheduleAction, type RescheduleState } from '@/lib/study/settings-actions';

export function ReschedulePanel() {
  const [state, action, pending] = useActionState<RescheduleState, FormData>(rescheduleAction, {});
  return (
    <form action={action} className="panel">
      <h2 style={{ marginTop: 0 }}>Reschedule cards</h2>
      <p className="muted">
        After changing your desired retention or parameters, existing cards keep their old due dates until you review them. Rescheduling
        replays each card&apos;s own review history with your current settings; no review is invented.
      </p>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? 'Rescheduling…' : 'Reschedule my cards'}
      </button>
      {state.result && (
        <p className="alert alert-success" role="status" style={{ marginTop: '1rem' }} data-testid="reschedule-result">
          {state.result.moved} of {state.result.cards} cards moved. Due in the next 7 days: {state.result.dueWeekBefore} before,{' '}
          {state.result.dueWeekAfter} now.
        </p>
      )}
    </form>
  );
}

interface RunStatus {
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  reviewsUsed: number;
  logLossDefault: number | null;
  logLossFitted: number | null;
  kept: boolean | null;
  message: string | null;
}

export function OptimizerPanel({
  available,
  reviews,
  minimum,
  lastRun,
  customParams,
}: {
  available: boolean;
  reviews: number;
  minimum: number;
  lastRun: (RunStatus & { id: string; finishedAt: string | null }) | null;
  customParams: boolean;
}) {
  const [state, setState] = useState<{ runId?: string; error?: string }>({});
  const [pending, setPending] = useState(false);
  const [run, setRun] = useState<RunStatus | null>(lastRun);
  const runId = state.runId ?? (lastRun && (lastRun.status === 'queued' || lastRun.status === 'running') ? lastRun.id : null);

  // A route handler rather than a server action, so the limits answer with a status (429).
  async function start(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    setPending(true);
    try {
      const res = await fetch('/api/optimizer', { method: 'POST', headers: { 'content-type': 'application/json' } });
      const body = (await res.json().catch(() => ({}))) as { runId?: string; error?: string };
      setState(res.ok && body.runId ? { runId: body.runId } : { error: body.error ?? 'The optimizer could not start. Try again.' });
    } catch {
      setState({ error: 'The server could not be reached. Try again.' });
    } finally {
      setPending(false);
    }
  }

  useEffect(() => {
    if (!runId) return;
    let stop = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/optimizer/${runId}`, { cache: 'no-store' });
        if (res.ok) {
          const body = (await res.json()) as RunStatus;
          if (!stop) setRun(body);
          if (body.status === 'done' || body.status === 'failed') return;
        }
      } catch {
        // try again on the next tick
      }
      if (!stop) setTimeout(poll, 700);
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [runId]);

  const busy = pending || run?.status === 'queued' || run?.status === 'running';
  return (
    <form onSubmit={start} className="panel">
      <h2 style={{ marginTop: 0 }}>Optimize my parameters</h2>
      <p className="muted">
        FSRS predicts your memory with 21 parameters. Fitting them to your own {reviews} reviews makes intervals match how you forget.
        {reviews < minimum ? ` The optimizer needs at least ${minimum} reviews: ${minimum - reviews} more to go.` : ''} You are using{' '}
        {customParams ? 'your own fitted parameters' : 'the default parameters'}.
      </p>
      {!available && <p className="alert alert-info">The optimizer is not available on this server; the default parameters are used.</p>}
      <button type="submit" className="btn btn-primary" disabled={busy || !available || reviews < minimum} aria-describedby={available && reviews < minimum ? 'optimizer-why' : undefined}>
        {busy ? 'Optimizing…' : 'Optimize my parameters'}
      </button>
      {available && reviews < minimum && (
        <p className="muted" id="optimizer-why" style={{ margin: '0.4rem 0 0', fontSize: '0.9rem' }}>
          Available after {minimum} reviews ({minimum - reviews} to go).
        </p>
      )}
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
      {run && (
        <div role="status" aria-live="polite" style={{ marginTop: '1rem' }} data-testid="optimizer-status">
          {(run.status === 'queued' || run.status === 'running') && (
            <>
              <div className="progress" role="progressbar" aria-label="Optimizer progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(run.progress * 100)}>
                <span style={{ width: `${Math.round(run.progress * 100)}%` }} />
              </div>
              <p className="muted">
                {run.status === 'queued' ? 'Starting…' : `Fitting on ${run.reviewsUsed} reviews: ${Math.round(run.progress * 100)}%`}
              </p>
            </>
          )}
          {run.status === 'done' && (
            <div className={`alert ${run.kept ? 'alert-success' : 'alert-info'}`}>
              <p style={{ margin: 0 }}>{run.message}</p>
              <p style={{ margin: '0.25rem 0 0' }} data-testid="optimizer-logloss">
                Log loss on your {run.reviewsUsed} reviews: defaults {run.logLossDefault?.toFixed(4)}, fitted {run.logLossFitted?.toFixed(4)} (lower is better).
              </p>
            </div>
          )}
          {run.status === 'failed' && <p className="alert alert-error">{run.message}</p>}
        </div>
      )}
    </form>
  );
}
