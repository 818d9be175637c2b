import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary, renderInlineCached } from '@/lib/content';
import { db } from '@/lib/db/client';
import { onboardingState } from '@/lib/db/onboarding';
import { getSettingsRow } from '@/lib/db/settings';
import { placementQuestions } from '@/lib/onboarding/placement';
import { learnerProgress } from '@/lib/study/progress';
import { WelcomeForm } from './WelcomeForm';

export const metadata: Metadata = { title: 'Welcome' };

/** The first run (and, from settings, the place to change the goal and starting path later). */
export default async function WelcomePage() {
  const user = await requireUser('/welcome');
  const library = getLibrary();
  const now = new Date();
  const state = await onboardingState(db(), user.id);
  const settings = await getSettingsRow(db(), user.id);
  const progress = await learnerProgress(db(), library, user.id, now);
  const revisit = state.onboardedAt !== null || state.hasHistory;
  const paths = progress.paths.map((p) => ({
    id: p.path.id,
    title: p.path.title,
    audience: p.path.audience,
    description: p.path.description ?? '',
    steps: p.steps.length,
    first: p.steps[0]?.title ?? '',
    next: p.next?.title ?? null,
    started: p.enrolledAt !== null,
  }));
  const questions = placementQuestions(library).map((q) => ({
    id: q.id,
    topicTitle: q.topicTitle,
    promptHtml: renderInlineCached(`placement:${q.id}:prompt`, q.prompt),
    options: q.options.map((o) => ({ index: o.index, html: renderInlineCached(`placement:${q.id}:${o.index}`, o.text) })),
  }));
  // The same calendar the date check uses (UTC days), so the earliest date offered is accepted.
  const today = now.toISOString().slice(0, 10);
  return (
    <div className="stack welcome">
      <div>
        <h1>{revisit ? 'Your goal and starting path' : `Welcome to Patternwise${user.name ? `, ${user.name}` : ''}`}</h1>
        <p className="muted">
          {revisit
            ? 'Change why you are here and where you study next. Your progress, reviews and settings stay as they are.'
            : 'Two choices and you are in your first lesson. You can change both later in Settings.'}
        </p>
      </div>
      <WelcomeForm
        revisit={revisit}
        initialGoal={state.goal ?? (settings.targetDate ? 'interview' : 'pace')}
        initialPath={progress.current?.path.id ?? 'beginner'}
        initialDate={settings.targetDate ?? ''}
        minDate={addOneDay(today)}
        paths={paths}
        questions={questions}
      />
    </div>
  );
}

function addOneDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
