import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { loadStudyToday } from '@/lib/study/session';
import { nextPathStep } from '@/lib/study/next-step';

export const metadata: Metadata = { title: 'Today' };

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const library = getLibrary();
  const today = loadStudyToday(db(), library, user.id, new Date());
  const reads = new Set(listLessonReads(db(), user.id).map((r) => r.topicId));
  const next = nextPathStep(library, 'beginner', reads);
  const beginner = library.paths.find((p) => p.id === 'beginner');
  const dueNow = today.queue.counts.learning + today.queue.counts.review;
  const newToday = today.queue.counts.new;
  const stats = [
    { id: 'due', label: 'Cards due now', value: dueNow },
    { id: 'new', label: 'New cards available today', value: newToday },
    { id: 'reviewed', label: 'Reviews done today', value: today.reviewsToday },
    { id: 'streak', label: today.streak === 1 ? 'Day streak' : 'Days streak', value: today.streak },
  ];

  return (
    <div className="stack">
      <div>
        <h1>Welcome back{user.name ? `, ${user.name}` : ''}</h1>
        <p className="muted">Your study day runs from {today.settings.day.dayStartHour}:00 to {today.settings.day.dayStartHour}:00 ({today.settings.day.timezone}).</p>
      </div>
      <section aria-label="Today at a glance" className="grid grid-stats">
        {stats.map((s) => (
          <div key={s.id} className="panel stat" data-testid={`stat-${s.id}`}>
            <span className="stat-value" data-testid={`stat-${s.id}-value`}>
              {s.value}
            </span>
            <span className="stat-label">{s.label}</span>
          </div>
        ))}
      </section>
      <section className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Reviews</h2>
          {dueNow + newToday > 0 ? (
            <>
              <p>
                {dueNow > 0 ? `${dueNow} card${dueNow === 1 ? '' : 's'} due` : 'Nothing due'}
                {newToday > 0 ? ` and ${newToday} new to learn.` : '.'}
              </p>
              <Link href="/review" className="btn btn-primary">
                Start review
              </Link>
            </>
          ) : (
            <p className="muted">
              {today.reviewsToday > 0 ? 'All caught up for today.' : 'Nothing to review yet: read a lesson to add its cards.'}
            </p>
          )}
        </div>
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>{beginner?.title ?? 'Beginner'} path</h2>
          {next ? (
            <>
              <p>
                Next step: <strong>{next.title}</strong>
              </p>
              <div className="progress" role="progressbar" aria-label="Path progress" aria-valuemin={0} aria-valuemax={next.total} aria-valuenow={next.done}>
                <span style={{ width: `${(100 * next.done) / Math.max(1, next.total)}%` }} />
              </div>
              <p className="muted" style={{ fontSize: '0.9rem' }}>
                {next.done} of {next.total} lessons read
              </p>
              <Link href={next.href} className="btn btn-primary" data-testid="continue">
                Continue: {next.title}
              </Link>
            </>
          ) : (
            <>
              <p>You have read every lesson on this path. Keep reviewing to keep it.</p>
              <Link href="/patterns" className="btn" data-testid="continue">
                Continue: browse all patterns
              </Link>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
