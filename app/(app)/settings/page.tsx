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

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const row = getSettingsRow(db(), user.id);
  const settings = toStudySettings(row);
  const learned = listCardStates(db(), user.id).filter((r) => r.kind === 'card' && r.reps > 0).length;
  const run = latestRun(db(), user.id);
  const timezones = Intl.supportedValuesOf('timeZone');
  if (!timezones.includes('UTC')) timezones.unshift('UTC');
  return (
    <div className="narrow stack" style={{ margin: '0 auto' }}>
      <h1>Settings</h1>
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
          weights: settings.scheduler.weights,
          learnedCards: learned,
        }}
      />
      <ReschedulePanel />
      <OptimizerPanel
        available={loadOptimizer() !== null}
        reviews={countReviewsSince(db(), user.id, null)}
        minimum={MIN_REVIEWS}
        customParams={settings.scheduler.weights !== null}
        lastRun={run ? publicRun(settleStaleRun(db(), run)) : null}
      />
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Account</h2>
        <p>
          Signed in as <strong>{user.email}</strong>.
        </p>
        <a className="btn" href="/api/export" download>
          Download my data (JSON)
        </a>
        <p className="muted" style={{ margin: '0.5rem 0 0', fontSize: '0.9rem' }}>
          Your settings, lesson reads, card states, full review log, quiz attempts and optimizer runs.
        </p>
      </section>
      <PasswordPanel />
      <SignOutEverywherePanel />
    </div>
  );
}
