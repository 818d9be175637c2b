import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { cramHistory } from '@/lib/study/cram';
import { loadStudyToday } from '@/lib/study/session';
import { dashboardStats, learnerProgress, targetPlan } from '@/lib/study/progress';
import { raisePaceAction } from '@/lib/study/progress-actions';
import { continueHref, TODO_LABEL } from '@/lib/study/step-link';
import { dashboardAssignments } from '@/lib/study/teams';
import { ActionButton } from '@/app/_components/ActionButton';
import { BarChart, Heatmap, HBars } from '@/app/_components/Charts';
import { TargetForm } from './TargetForm';

export const metadata: Metadata = { title: 'Today' };

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const short = (day: string) => day.slice(5).replace('-', '/');

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const library = getLibrary();
  const now = new Date();
  // Only the queue's counts show here: no need to order a session.
  const today = loadStudyToday(db(), library, user.id, now, { order: false });
  const progress = learnerProgress(db(), library, user.id, now);
  const stats = dashboardStats(db(), library, progress, user.id, now);
  const plan = targetPlan(library, progress, today.newToday, now);
  const cram = cramHistory(db(), user.id, now);
  const assignments = dashboardAssignments(db(), library, user.id, progress, today.newToday, now);
  const current = progress.current!;
  const next = current.next;
  const dueNow = today.queue.counts.learning + today.queue.counts.review;
  const newToday = today.queue.counts.new;
  const tiles = [
    { id: 'due', label: 'Cards due now', value: dueNow },
    { id: 'new', label: 'New cards available today', value: newToday },
    { id: 'reviewed', label: 'Reviews done today', value: today.reviewsToday },
    { id: 'quiz-answers', label: 'Quiz answers today', value: today.quizAnswersToday },
    { id: 'streak', label: today.streak === 1 ? 'Day streak' : 'Days streak', value: today.streak },
    { id: 'longest', label: 'Longest streak', value: stats.longestStreak },
  ];
  const retentionText = (r: { passed: number; total: number; rate: number | null }) =>
    r.total ? `${pct(r.rate)} (${r.passed} of ${r.total})` : 'no reviews yet';

  return (
    <div className="stack">
      <div>
        <h1>Welcome back{user.name ? `, ${user.name}` : ''}</h1>
        <p className="muted">
          Your study day runs from {today.settings.day.dayStartHour}:00 to {today.settings.day.dayStartHour}:00 ({today.settings.day.timezone}).
        </p>
      </div>
      <section aria-label="Today at a glance" className="grid grid-stats">
        {tiles.map((s) => (
          <div key={s.id} className="panel stat" data-testid={`stat-${s.id}`}>
            <span className="stat-value" data-testid={`stat-${s.id}-value`}>
              {s.value}
            </span>
            <span className="stat-label">{s.label}</span>
          </div>
        ))}
      </section>
      <section className="dash-grid">
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
            <p className="muted">{today.reviewsToday + today.quizAnswersToday > 0 ? 'All caught up for today.' : 'Nothing to review yet: read a lesson to add its cards.'}</p>
          )}
        </div>
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>
            <Link href={`/paths/${current.path.id}`}>{current.path.title} path</Link>
          </h2>
          <div className="progress" role="progressbar" aria-label="Path progress" aria-valuemin={0} aria-valuemax={current.steps.length} aria-valuenow={current.done}>
            <span style={{ width: `${(100 * current.done) / Math.max(1, current.steps.length)}%` }} />
          </div>
          <p className="muted" style={{ fontSize: '0.9rem' }} data-testid="path-progress">
            {current.done} of {current.steps.length} steps done
          </p>
          {next ? (
            <Link href={continueHref(next)} className="btn btn-primary" data-testid="continue">
              Continue: {next.title} · {TODO_LABEL[next.todo]}
            </Link>
          ) : (
            <Link href="/paths" className="btn" data-testid="continue">
              Continue: choose another path
            </Link>
          )}
        </div>
      </section>

      {assignments.length > 0 && (
        <section className="panel" aria-labelledby="assignments-heading">
          <h2 id="assignments-heading" style={{ marginTop: 0 }}>
            Team assignments
          </h2>
          <ul className="assignment-list" data-testid="team-assignments">
            {assignments.map((a) => (
              <li key={a.id} className="assignment-item" data-testid="team-assignment">
                <div className="row spread">
                  <strong>{a.title}</strong>
                  <span className="muted" style={{ fontSize: '0.9rem' }}>
                    <Link href={`/teams/${a.teamId}`}>{a.teamName}</Link> · {a.required ? 'required' : 'optional'}
                  </span>
                </div>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`${a.title}: steps done`}
                  aria-valuemin={0}
                  aria-valuemax={a.steps}
                  aria-valuenow={a.stepsDone}
                >
                  <span style={{ width: `${(100 * a.stepsDone) / Math.max(1, a.steps)}%` }} />
                </div>
                <p style={{ margin: 0 }} data-testid="assignment-summary">
                  Due <strong>{a.dueDate}</strong> ({a.daysLeft} day{a.daysLeft === 1 ? '' : 's'} left) · {a.stepsDone} of {a.steps} steps done ·{' '}
                  {a.cardsRemaining === 0 ? (
                    'every card introduced'
                  ) : (
                    <>
                      {a.cardsRemaining} new card{a.cardsRemaining === 1 ? '' : 's'} to go: <strong>{a.neededPerDay} a day</strong> needed,{' '}
                      {a.enough ? 'your pace is enough ✓' : `more than your ${today.settings.newPerDay} a day`}
                    </>
                  )}
                </p>
                {a.next ? (
                  <p style={{ margin: 0 }}>
                    <Link href={a.next.href} className="btn btn-primary" data-testid="assignment-continue">
                      Continue: {a.next.title} · {TODO_LABEL[a.next.todo]}
                    </Link>
                  </p>
                ) : (
                  <p className="muted" style={{ margin: 0 }}>
                    All steps done. Keep up with your reviews so it stays remembered.
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading" style={{ marginTop: 0 }}>
          Interview or deadline plan
        </h2>
        {plan ? (
          <div className="stack" data-testid="plan">
            <p style={{ margin: 0 }}>
              To learn all {plan.totalCards} cards of the {plan.path.title.toLowerCase()} path before <strong>{plan.targetDate}</strong> ({plan.daysLeft}{' '}
              day{plan.daysLeft === 1 ? '' : 's'} left), you need <strong>{plan.neededPerDay} new cards a day</strong>; {plan.remaining} are still new. Your
              limit is {today.settings.newPerDay} a day: {plan.enough ? 'enough ✓' : 'not enough'}.
            </p>
            <p style={{ margin: 0 }}>
              Expected retention on the day if you keep up with your reviews: <strong>{pct(plan.retention)}</strong>
              {plan.retentionAtNeededPace !== null && <> (at {plan.neededPerDay} a day: {pct(plan.retentionAtNeededPace)})</>}.
            </p>
            {!plan.enough && plan.neededPerDay > today.settings.newPerDay && (
              <ActionButton
                action={raisePaceAction}
                fields={{ newPerDay: String(plan.neededPerDay) }}
                label={`Raise my pace to ${plan.neededPerDay} new cards a day`}
                pendingLabel="Saving…"
              />
            )}
            <p className="muted" style={{ margin: 0, fontSize: '0.9rem' }}>
              The plan only ever adds new cards; due reviews are never dropped or postponed.
            </p>
            <p style={{ margin: 0 }}>
              <Link className="btn" href={`/review/cram?path=${encodeURIComponent(plan.path.id)}`} data-testid="cram-path">
                Cram the {plan.path.title.toLowerCase()} path
              </Link>{' '}
              <span className="muted" style={{ fontSize: '0.9rem' }}>
                every card, weakest first; your schedule stays as it is. Or <Link href="/review/cram">cram a category or chosen patterns</Link>.
              </span>
            </p>
          </div>
        ) : (
          <p className="muted">Set a date (an interview, an onboarding deadline) and a path to see the pace you need.</p>
        )}
        <TargetForm
          paths={library.paths.map((p) => ({ id: p.id, title: p.title }))}
          current={progress.settingsRow.targetDate && progress.settingsRow.targetPath ? { date: progress.settingsRow.targetDate, pathId: progress.settingsRow.targetPath } : null}
        />
      </section>

      <section className="panel" aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading" style={{ marginTop: 0 }}>
          Reviews over the past year
        </h2>
        <Heatmap days={stats.heatmap} today={stats.today} />
      </section>

      <section className="dash-grid">
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Due in the next 30 days</h2>
          <BarChart
            testId="forecast"
            unit="cards due"
            label={`Cards due per day for the next 30 days: ${stats.forecast.reduce((s, d) => s + d.count, 0)} in total, ${stats.forecast[0]?.count ?? 0} today`}
            data={stats.forecast.map((d) => ({ key: d.day, label: short(d.day), value: d.count }))}
          />
        </div>
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Reviews per day, last 30 days</h2>
          <BarChart
            testId="reviews-per-day"
            unit="reviews"
            label={`Reviews per day over the last 30 days: ${stats.last30.reduce((s, d) => s + d.count, 0)} in total`}
            data={stats.last30.map((d) => ({ key: d.day, label: short(d.day), value: d.count }))}
          />
          <p className="muted" style={{ fontSize: '0.9rem', marginBottom: 0 }}>
            Time studied: {stats.last30.reduce((s, d) => s + d.minutes, 0)} minutes in 30 days, {stats.last30[29]?.minutes ?? 0} today.
          </p>
        </div>
      </section>

      <section className="dash-grid">
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>True retention, last 30 days</h2>
          <ul className="meta-list" data-testid="retention">
            <li>Young cards (interval under 21 days): {retentionText(stats.retention.young)}</li>
            <li>Mature cards (21 days or more): {retentionText(stats.retention.mature)}</li>
          </ul>
          <p className="muted" style={{ fontSize: '0.85rem', marginBottom: 0 }}>
            The share of reviews you passed (anything but Again). Your target is {Math.round(today.settings.scheduler.desiredRetention * 100)}%.
          </p>
          <p className="muted" style={{ fontSize: '0.85rem', marginBottom: 0 }} data-testid="cram-stats">
            {cram.answers > 0 ? (
              <>
                Cram, last 30 days: {cram.answers} answer{cram.answers === 1 ? '' : 's'}, {pct(cram.recalled / cram.answers)} remembered. Counted apart: not in
                your reviews, streak or retention (<Link href="/quiz/history#cram">history</Link>).
              </>
            ) : (
              <>Cram sessions are counted apart from reviews and never change your schedule.</>
            )}
          </p>
        </div>
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Flashcards by state</h2>
          <HBars
            label="Flashcards by state"
            rows={(['new', 'learning', 'review', 'relearning'] as const).map((k) => {
              const total = Object.values(stats.byState).reduce((a, b) => a + b, 0);
              return { label: k[0]!.toUpperCase() + k.slice(1), value: stats.byState[k] / Math.max(1, total), text: String(stats.byState[k]) };
            })}
          />
        </div>
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Mastery by category</h2>
          <HBars label="Mastery by category" rows={progress.categories.map((c) => ({ label: c.title, value: c.mastery, text: pct(c.mastery) }))} />
        </div>
      </section>
    </div>
  );
}
