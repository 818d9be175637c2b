import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { learnerProgress } from '@/lib/study/progress';
import { startPathAction } from '@/lib/study/progress-actions';
import { continueHref, TODO_LABEL } from '@/lib/study/step-link';
import { ActionButton } from '@/app/_components/ActionButton';

export const metadata: Metadata = { title: 'Paths' };

export default async function PathsPage() {
  const user = await requireUser('/paths');
  const progress = await learnerProgress(db(), getLibrary(), user.id, new Date());
  return (
    <div className="stack">
      <h1>Paths</h1>
      <p className="muted">Three routes through the library. Start any of them; a step is done when its lesson is read, its quiz passed and its cards learned.</p>
      {progress.paths.map(({ path, steps, done, next, enrolledAt }) => (
        <section key={path.id} className="panel" aria-labelledby={`path-${path.id}`} data-testid={`path-${path.id}`}>
          <div className="row spread">
            <div>
              <h2 id={`path-${path.id}`} style={{ margin: 0 }}>
                <Link href={`/paths/${path.id}`}>{path.title}</Link>
              </h2>
              <p className="muted" style={{ margin: 0 }}>
                {path.audience}
              </p>
            </div>
            <span className="badge">
              {done} of {steps.length} steps done
            </span>
          </div>
          {path.description && <p style={{ marginTop: '0.75rem' }}>{path.description}</p>}
          <div className="progress" role="progressbar" aria-label={`${path.title} progress`} aria-valuemin={0} aria-valuemax={steps.length} aria-valuenow={done}>
            <span style={{ width: `${(100 * done) / Math.max(1, steps.length)}%` }} />
          </div>
          <ol className="meta-list" style={{ margin: '1rem 0', listStyle: 'decimal', paddingLeft: '1.4rem' }}>
            {path.stages.map((stage) => (
              <li key={stage.title}>
                <strong>{stage.title}:</strong>{' '}
                {steps
                  .filter((s) => s.stage === stage.title)
                  .map((s) => `${s.title}${s.anchor ? ' (CDN section)' : ''}${s.done ? ' ✓' : ''}`)
                  .join(', ')}
              </li>
            ))}
          </ol>
          {enrolledAt ? (
            next ? (
              <Link className="btn btn-primary" href={continueHref(next)}>
                Continue: {next.title} · {TODO_LABEL[next.todo]}
              </Link>
            ) : (
              <p style={{ margin: 0, color: 'var(--good)', fontWeight: 600 }}>Path complete ✓</p>
            )
          ) : (
            <ActionButton action={startPathAction} fields={{ pathId: path.id }} label={`Start the ${path.title.toLowerCase()} path`} pendingLabel="Starting…" />
          )}
        </section>
      ))}
    </div>
  );
}
