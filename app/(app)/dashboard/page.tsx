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
import { BarChart, Heatmap, HBars, shortDay } from '@/app/_components/Charts';
import { isFirstTimer, onboardingState } from '@/lib/db/onboarding';
import { TargetForm } from './TargetForm';

export const metadata: Metadata = { title: 'Today' };

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const library = getLibrary();
  const now = new Date();
  // Only the queue's counts show here: no need to order a session.
  const today = await loadStudyToday(db(), library, user.id, now, { order: false });
  const progress = await learnerProgress(db(), library, user.id, now);
  const stats = await dashboardStats(db(), library, progress, user.id, now);
  const plan = targetPlan(library, progress, today.newToday, now);
  const cram = await cramHistory(db(), user.id, now);
  const assignments = await dashboardAssignments(db(), library, user.id, progress, today.newToday, now);
  const current = progress.current!;
  const next = current.next;
  const dueNow = today.queue.counts.learning + today.queue.counts.review;
  const newToday = today.queue.counts.new;
  const onboarding = await onboardingState(db(), user.id);
  // Nothing studied yet: a welcome and the first step instead of zeros and empty charts.
  const fresh = !onboarding.hasHistory;
  const offerFirstRun = isFirstTimer(onboarding);
  const notStudied = stats.byState.new;
  const newLimit = today.settings.newPerDay;
  const target = Math.round(today.settings.scheduler.desiredRetention * 100);
  const tiles = [
    { id: 'due', label: 'Cards due now', value: dueNow },
    {
      id: 'new',
      label: 'New cards available today',
      value: newToday,
      hint:
        newToday > 0
          ? `from lessons you have read; limit ${newLimit} a day`
          : today.newToday >= newLimit
            ? `today's limit of ${newLimit} is reached`
            : progress.reads.size === 0
              ? 'read a lesson to add its cards'
              : 'all cards of your lessons are started: read the next lesson for more',
    },
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
        <h1>
          {fresh ? 'Welcome to Patternwise' : 'Welcome back'}
          {user.name ? `, ${user.name}` : ''}
        </h1>
        <p className="muted">
          {fresh ? 'Patternwise teaches the distributed-systems patterns as lessons, then keeps them in your memory with flashcards and quizzes. ' : ''}
          Your study day runs from {today.settings.day.dayStartHour}:00 to {today.settings.day.dayStartHour}:00 ({today.settings.day.timezone}).
        </p>
      </div>
      {fresh ? (
        <section className="panel first-steps" aria-labelledby="first-steps-heading" data-testid="first-steps">
          <h2 id="first-steps-heading" style={{ marginTop: 0 }}>
            {offerFirstRun ? 'Start here' : 'Your first step'}
          </h2>
          {offerFirstRun ? (
            <p>Tell us why you are here and where to begin (a 5-question placement check can help), and you are in your first lesson.</p>
          ) : (
            <p>
              Your first lesson on the {current.path.title.toLowerCase()} path is <strong>{next?.title ?? current.steps[0]?.title}</strong>.
            </p>
          )}
          <ol className="first-steps-list">
            <li>
              <strong>Read a lesson.</strong> Each climbs from an everyday analogy to production detail.
            </li>
            <li>
              <strong>Mark it as read.</strong> Its flashcards join your reviews, up to {newLimit} new a day.
            </li>
            <li>
              <strong>Review when cards are due.</strong> Each comes back just before you would forget it; this page then shows your calendar, forecast and
              retention.
            </li>
          </ol>
          <div className="row">
            {offerFirstRun ? (
              <>
                <Link href="/welcome" className="btn btn-primary" data-testid="first-run-link">
                  Choose my goal and path
                </Link>
                {next && (
                  <Link href={continueHref(next)} className="btn" data-testid="continue">
                    Or open the first lesson: {next.title}
                  </Link>
                )}
              </>
            ) : next ? (
              <Link href={continueHref(next)} className="btn btn-primary" data-testid="continue">
                {TODO_LABEL[next.todo]}: {next.title}
              </Link>
            ) : (
              <Link href="/paths" className="btn btn-primary" data-testid="continue">
                Choose a path
              </Link>
            )}
          </div>
        </section>
      ) : (
        <>
          <section aria-label="Today at a glance" className="grid grid-stats">
            {tiles.map((s) => (
              <div key={s.id} className="panel stat" data-testid={`stat-${s.id}`}>
                <span className="stat-value" data-testid={`stat-${s.id}-value`}>
                  {s.value}
                </span>
                <span className="stat-label">{s.label}</span>
                {s.hint && <span className="stat-hint muted">{s.hint}</span>}
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
                <p className="muted">
                  {today.reviewsToday + today.quizAnswersToday > 0 ? 'All caught up for today.' : 'Nothing to review now: read a lesson to add its cards.'}
                </p>
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
        </>
      )}

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
              limit is {newLimit} a day: {plan.enough ? 'enough ✓' : 'not enough'}.
            </p>
            <p style={{ margin: 0 }} data-testid="plan-retention">
              Expected recall on the day: <strong>{pct(plan.retention)}</strong> of the path&apos;s cards
              {plan.retentionAtNeededPace !== null && <> ({pct(plan.retentionAtNeededPace)} at {plan.neededPerDay} a day)</>}, if you do every review when it
              is due and remember it.
            </p>
            <p className="muted" style={{ margin: 0, fontSize: '0.9rem' }}>
              {plan.retention > today.settings.scheduler.desiredRetention ? (
                <>
                  Why above your {target}% target: {target}% is the recall at which a card falls due. Right after each review it is close to 100%, so on any day
                  the average over the path is higher. Cards the pace cannot introduce before the date count as 0.
                </>
              ) : (
                <>
                  Below your {target}% target because cards the pace cannot introduce before the date count as 0: raise the pace or move the date.
                </>
              )}
            </p>
            {!plan.enough && plan.neededPerDay > newLimit && (
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

      {fresh ? (
        <section className="panel" aria-labelledby="stats-heading" data-testid="stats-empty">
          <h2 id="stats-heading" style={{ marginTop: 0 }}>
            Your statistics
          </h2>
          <p className="muted" style={{ marginBottom: 0 }}>
            After your first reviews this page shows a calendar of your study days, the cards due in the next 30 days, how much you remember (against your{' '}
            {target}% target) and your mastery of each category. Nothing to show yet.
          </p>
        </section>
      ) : (
        <>
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
                data={stats.forecast.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.count }))}
                emptyText="Nothing falls due in the next 30 days: the cards you learn next will show here."
              />
              {(stats.forecast[0]?.count ?? 0) !== dueNow && (
                <p className="muted" style={{ fontSize: '0.85rem', marginBottom: 0 }}>
                  Today&apos;s bar counts every card due before the day ends ({stats.forecast[0]?.count ?? 0}); &quot;due now&quot; counts those due already
                  {today.settings.maxReviewsPerDay < (stats.forecast[0]?.count ?? 0) ? `, up to your ${today.settings.maxReviewsPerDay} reviews a day` : ''} ({dueNow}).
                </p>
              )}
            </div>
            <div className="panel">
              <h2 style={{ marginTop: 0 }}>Reviews per day, last 30 days</h2>
              <BarChart
                testId="reviews-per-day"
                unit="reviews"
                label={`Reviews per day over the last 30 days: ${stats.last30.reduce((s, d) => s + d.count, 0)} in total`}
                data={stats.last30.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.count }))}
                emptyText="No reviews in the last 30 days."
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
                The share of reviews you passed (anything but Again). Your target is {target}%: the scheduler times each review for when your recall has
                fallen to it, so a figure near {target}% means the schedule fits your memory.
              </p>
              <p className="muted" style={{ fontSize: '0.85rem', marginBottom: 0 }} data-testid="cram-stats">
                {cram.answers > 0 ? (
                  <>
                    Cram, last 30 days: {cram.answers} answer{cram.answers === 1 ? '' : 's'}, {pct(cram.recalled / cram.answers)} remembered. Counted apart: not
                    in your reviews, streak or retention (<Link href="/quiz/history#cram">history</Link>).
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
                testId="cards-by-state"
                rows={(['new', 'learning', 'review', 'relearning'] as const).map((k) => {
                  const total = Object.values(stats.byState).reduce((a, b) => a + b, 0);
                  return {
                    label: k === 'new' ? 'Not studied yet' : k[0]!.toUpperCase() + k.slice(1),
                    value: stats.byState[k] / Math.max(1, total),
                    text: String(stats.byState[k]),
                  };
                })}
              />
              <p className="muted" style={{ fontSize: '0.85rem', marginBottom: 0 }}>
                &quot;Not studied yet&quot; is every flashcard in the library you have not started ({notStudied}). Of those, only the cards of lessons you have
                read are available as new cards, up to {newLimit} a day: {newToday} today.
              </p>
            </div>
            <div className="panel">
              <h2 style={{ marginTop: 0 }}>Mastery by category</h2>
              {progress.categories.some((c) => c.mastery > 0) ? (
                <HBars label="Mastery by category" rows={progress.categories.map((c) => ({ label: c.title, value: c.mastery, text: pct(c.mastery) }))} />
              ) : (
                <p className="chart-empty muted">Mastery grows as you learn a category&apos;s flashcards: none learned yet.</p>
              )}
              <p className="muted" style={{ fontSize: '0.85rem', marginBottom: 0 }}>
                Mastery is the mean chance you would recall a category&apos;s flashcards now; cards not studied count 0.
              </p>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
