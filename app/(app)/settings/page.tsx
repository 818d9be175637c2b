import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { countReviewsSince, latestRun } from '@/lib/db/optimizer';
import { listCardStates } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { loadOptimizer, MIN_REVIEWS } from '@/lib/optimizer/fit';
import { toStudySettings } from '@/lib/srs/settings';
import { publicRun, settleStaleRun } from '@/lib/study/optimizer-job';
import { PasswordPanel, SignOutEverywherePanel } from './AccountPanel';
import { OptimizerPanel, ReschedulePanel } from './MaintenancePanels';
import { SettingsForm } from './SettingsForm';
import { DeleteAccountPanel, ExportPanel, RestorePanel } from './DataPanels';
import { accountFootprint } from '@/lib/db/account';
import { onboardingState } from '@/lib/db/onboarding';
import Link from 'next/link';

const GOAL_TEXT = { pace: 'learning the library at your pace', interview: 'preparing for an interview', team: 'joining a team' } as const;
import { ThemeSwitch } from '@/app/_components/ThemeSwitch';

/** How the rows that deleting an account removes are named to the learner. */
const FOOTPRINT_LABELS: Record<string, string> = {
  review_logs: 'reviews and quiz answers in your log',
  card_states: 'card schedules',
  lesson_reads: 'lessons marked read',
  quiz_attempts: 'quiz attempts',
  path_enrollments: 'paths started',
  optimizer_runs: 'optimizer runs',
  restore_jobs: 'restores',
  team_members: 'team memberships (the teams stay; a team you own must be handed on or deleted first)',
};

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const row = await getSettingsRow(db(), user.id);
  const { goal } = await onboardingState(db(), user.id);
  const settings = toStudySettings(row);
  const states = await listCardStates(db(), user.id);
  const learned = states.filter((r) => r.kind === 'card' && r.reps > 0).length;
  // The easy-days forecast starts from the learner's own load: review cards due in the next four weeks.
  const now = new Date().getTime();
  const reviewCards = states.filter((r) => r.state === 2 && !r.suspended);
  const forecastPerDay = reviewCards.length ? reviewCards.filter((r) => r.due.getTime() < now + 28 * 86_400_000).length / 28 : null;
  const run = await latestRun(db(), user.id);
  const rows = await accountFootprint(db(), user.id);
  const footprint = Object.entries(FOOTPRINT_LABELS).map(([table, label]) => ({ label, count: rows[table] ?? 0 }));
  const timezones = Intl.supportedValuesOf('timeZone');
  if (!timezones.includes('UTC')) timezones.unshift('UTC');
  return (
    <div className="narrow stack" style={{ margin: '0 auto' }}>
      <h1>Settings</h1>
      <section className="panel" aria-labelledby="goal-heading" data-testid="settings-goal">
        <h2 id="goal-heading" style={{ marginTop: 0 }}>
          Your goal
        </h2>
        <p>{goal ? <>You said you are here for {GOAL_TEXT[goal]}.</> : <>You have not chosen a goal.</>}</p>
        <Link href="/welcome" className="btn">
          {goal ? 'Change my goal and starting path' : 'Choose a goal and starting path'}
        </Link>
      </section>
      <SettingsForm
        timezones={timezones}
        values={{
          desiredRetention: settings.scheduler.desiredRetention,
          newPerDay: settings.newPerDay,
          maxReviewsPerDay: settings.maxReviewsPerDay,
          learningSteps: settings.scheduler.learningSteps.join(' '),
          relearningSteps: settings.scheduler.relearningSteps.join(' '),
          timezone: settings.day.timezone,
          timezoneSource: row.timezoneSource,
          dayStartHour: settings.day.dayStartHour,
          fuzz: settings.scheduler.fuzz,
          maximumInterval: settings.scheduler.maximumInterval,
          autoOptimize: row.autoOptimize,
          loadBalance: settings.loadBalance,
          easyDays: settings.easyDays,
          reviewsPerDay: forecastPerDay,
          weights: settings.scheduler.weights,
          learnedCards: learned,
        }}
      />
      <ReschedulePanel />
      <OptimizerPanel
        available={loadOptimizer() !== null}
        reviews={await countReviewsSince(db(), user.id, null)}
        minimum={MIN_REVIEWS}
        customParams={settings.scheduler.weights !== null}
        lastRun={run ? publicRun(await settleStaleRun(db(), run)) : null}
      />
      <section className="panel" aria-labelledby="appearance">
        <h2 id="appearance" style={{ marginTop: 0 }}>
          Appearance
        </h2>
        <p className="muted">
          System follows your device&apos;s light or dark setting. Light and Dark stay as chosen in this browser, on every page.
        </p>
        <ThemeSwitch variant="full" />
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Account</h2>
        <p>
          Signed in as <strong>{user.email}</strong>.
        </p>
      </section>
      <PasswordPanel />
      <SignOutEverywherePanel />
      <ExportPanel />
      <RestorePanel />
      <DeleteAccountPanel footprint={footprint} />
    </div>
  );
}
