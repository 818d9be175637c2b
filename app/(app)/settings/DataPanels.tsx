'use client';

import { useActionState, useEffect, useState } from 'react';
import { deleteAccountAction, type DeleteAccountState } from '@/lib/study/account-actions';
import type { RestoreReport } from '@/lib/study/restore';

interface RestoreJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  message: string | null;
  result: RestoreReport | null;
}

/** Downloads: the JSON backup, the review log as CSV, the flashcards for Anki. */
export function ExportPanel() {
  const [schedule, setSchedule] = useState(true);
  return (
    <section className="panel stack" aria-labelledby="export-heading">
      <h2 id="export-heading" style={{ margin: 0 }}>
        Your data
      </h2>
      <div>
        <a className="btn" href="/api/export" download data-testid="download-json">
          Download my data (JSON)
        </a>
        <p className="muted" style={{ margin: '0.4rem 0 0', fontSize: '0.9rem' }}>
          A full backup: settings, lesson reads, card states, the whole review log, quiz attempts and optimizer runs. Restore it below, here or
          on another Patternwise.
        </p>
      </div>
      <div>
        <a className="btn" href="/api/export/reviews" download data-testid="download-csv">
          Review log (CSV)
        </a>
        <p className="muted" style={{ margin: '0.4rem 0 0', fontSize: '0.9rem' }}>
          Columns <code>card_id, review_time, review_rating, review_state, review_duration</code>, as the FSRS optimizer and benchmark read
          them.
        </p>
      </div>
      <div>
        <a className="btn" href={`/api/export/anki?schedule=${schedule ? 1 : 0}`} download data-testid="download-anki">
          Export flashcards for Anki (.apkg)
        </a>
        <label className="check" style={{ marginTop: '0.4rem', fontSize: '0.95rem' }}>
          <input type="checkbox" checked={schedule} onChange={(e) => setSchedule(e.target.checked)} />
          Include my schedule (due dates, intervals and review history)
        </label>
        <p className="muted" style={{ margin: '0.2rem 0 0', fontSize: '0.9rem' }}>
          One note per flashcard with a link back to its lesson, a deck per category, tags for pattern, level and category.
        </p>
      </div>
    </section>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Settings > Restore from a file: uploads the JSON backup and follows the background job. */
export function RestorePanel() {
  const [file, setFile] = useState<File | null>(null);
  const [settings, setSettings] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [job, setJob] = useState<RestoreJob | null>(null);

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    let stop = false;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/restore/${job.id}`, { cache: 'no-store' });
        const body = (await res.json()) as RestoreJob & { error?: string };
        if (stop) return;
        if (!res.ok) setError(body.error ?? 'The restore could not be followed.');
        else setJob(body);
      } catch {
        if (!stop) setJob({ ...job });
      }
    }, 500);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [job]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError('');
    setJob(null);
    if (!file) {
      setError('Choose the backup file first.');
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(`/api/restore?settings=${settings ? 1 : 0}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: await file.text(),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
      if (!res.ok || !body.id) setError(body.error ?? 'The file could not be restored.');
      else setJob({ id: body.id, status: 'running', progress: 0, message: null, result: null });
    } catch {
      setError('No connection: nothing was restored. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const r = job?.result;
  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="restore-heading">
      <h2 id="restore-heading" style={{ margin: 0 }}>
        Restore from a file
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        Adds a backup (the JSON from Download my data) to this account. Reviews you already have are skipped, so restoring twice changes
        nothing; your card states are recomputed from the merged history.
      </p>
      <label className="field">
        <span>Backup file</span>
        <input type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="restore-file" />
      </label>
      <label className="check">
        <input type="checkbox" checked={settings} onChange={(e) => setSettings(e.target.checked)} />
        Also restore my settings (retention, limits, steps, timezone, parameters)
      </label>
      <div>
        <button type="submit" className="btn" disabled={busy || job?.status === 'running'}>
          {busy ? 'Uploading…' : job?.status === 'running' ? 'Restoring…' : 'Restore'}
        </button>
      </div>
      {job?.status === 'running' && (
        <div role="status" aria-live="polite">
          <progress value={job.progress} max={1} style={{ width: '100%' }} aria-label="Restore progress" />
          <p className="muted" style={{ margin: 0 }}>
            Restoring… {Math.round(job.progress * 100)}%
          </p>
        </div>
      )}
      {error && (
        <p className="alert alert-error" role="alert" style={{ margin: 0 }} data-testid="restore-error">
          {error}
        </p>
      )}
      {job?.status === 'failed' && (
        <p className="alert alert-error" role="alert" style={{ margin: 0 }} data-testid="restore-error">
          {job.message}
        </p>
      )}
      {r && (
        <div className="alert alert-success" role="status" data-testid="restore-result">
          <p style={{ margin: 0 }}>
            <strong>Restored.</strong> {plural(r.reviews.added, 'review')} added, {r.reviews.skipped} already here; {plural(r.cardStates, 'card state')}{' '}
            recomputed; {plural(r.reads.added, 'lesson read')}, {plural(r.attempts.added, 'quiz attempt')} and {plural(r.runs.added, 'optimizer run')}{' '}
            added{r.settings ? '; settings restored' : ''}.
          </p>
          {r.unknownItems.length > 0 && (
            <p style={{ margin: '0.4rem 0 0' }}>
              Kept in your log but no longer in the library ({r.unknownItems.length}): {r.unknownItems.slice(0, 10).join(', ')}
              {r.unknownItems.length > 10 ? ', …' : ''}
            </p>
          )}
        </div>
      )}
    </form>
  );
}

/** Settings > Delete my account: what goes, the password, a confirmation. */
export function DeleteAccountPanel({ footprint }: { footprint: { label: string; count: number }[] }) {
  const [state, action, pending] = useActionState<DeleteAccountState, FormData>(deleteAccountAction, {});
  return (
    <form action={action} className="panel stack danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading" style={{ margin: 0 }}>
        Delete my account
      </h2>
      <p style={{ margin: 0 }}>This deletes your account and everything stored for you, at once and for good:</p>
      <ul style={{ margin: 0 }} data-testid="delete-summary">
        {footprint.map((f) => (
          <li key={f.label}>
            {f.count} {f.label}
          </li>
        ))}
        <li>your settings and the account itself</li>
      </ul>
      <p className="muted" style={{ margin: 0 }}>
        Download your data first if you may want it back: a backup restores into a new account.
      </p>
      <label className="field">
        <span>Your password</span>
        <input type="password" name="password" autoComplete="current-password" required />
      </label>
      <label className="check">
        <input type="checkbox" name="confirm" required />I understand that this cannot be undone
      </label>
      {state.error && (
        <p className="alert alert-error" role="alert" style={{ margin: 0 }}>
          {state.error}
        </p>
      )}
      <div>
        <button type="submit" className="btn btn-danger" disabled={pending}>
          {pending ? 'Deleting…' : 'Delete my account'}
        </button>
      </div>
    </form>
  );
}
