'use client';

import { useActionState, useEffect, useMemo, useRef, useState } from 'react';
import { weekForecast } from '@/lib/srs/balance';
import { reviewsPerCardPerDay } from '@/lib/srs/reschedule';
import { EASY_DAY_FRACTIONS, WEEKDAYS } from '@/lib/srs/settings';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '@/lib/srs/scheduler';
import { saveSettingsAction, type SettingsState } from '@/lib/study/settings-actions';

export interface SettingsValues {
  desiredRetention: number;
  newPerDay: number;
  maxReviewsPerDay: number;
  learningSteps: string;
  relearningSteps: string;
  timezone: string;
  timezoneSource: 'default' | 'detected' | 'user';
  dayStartHour: number;
  fuzz: boolean;
  maximumInterval: number;
  autoOptimize: boolean;
  loadBalance: boolean;
  /** Sunday first. */
  easyDays: number[];
  weights: number[] | null;
  learnedCards: number;
  /** Mean reviews due per day over the next four weeks, or null with no review cards yet. */
  reviewsPerDay: number | null;
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p className="error-text" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SettingsForm({ values, timezones }: { values: SettingsValues; timezones: string[] }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettingsAction, {});
  const [retention, setRetention] = useState(values.desiredRetention);
  const [easyDays, setEasyDays] = useState(values.easyDays);
  const [fuzz, setFuzz] = useState(values.fuzz);
  const [loadBalance, setLoadBalance] = useState(values.loadBalance);
  const tzRef = useRef<HTMLSelectElement>(null);
  // First visit with the default timezone: propose the browser's; saving confirms it.
  useEffect(() => {
    const select = tzRef.current;
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (values.timezoneSource === 'default' && select && [...select.options].some((o) => o.value === detected)) select.value = detected;
  }, [values.timezoneSource]);
  const e = state.errors ?? {};

  const workload = useMemo(() => {
    if (!(retention >= 0.7 && retention <= 0.99)) return null;
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: retention, fuzz: false, weights: values.weights });
    const perCard = reviewsPerCardPerDay(scheduler, new Date('2026-01-01T09:00:00Z'), 365);
    const cards = Math.max(values.learnedCards, 100);
    return { perDay: Math.round(perCard * cards), cards, assumed: values.learnedCards < 100 };
  }, [retention, values.weights, values.learnedCards]);

  const perDay = values.reviewsPerDay ?? workload?.perDay ?? 0;
  const week = weekForecast(perDay, easyDays);
  const busiest = Math.max(1, ...week);

  const describedBy = (id: string, hint = false) => [hint ? `${id}-hint` : '', e[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form action={action} className="panel" noValidate>
      <h2 style={{ marginTop: 0 }}>Study settings</h2>
      {state.ok && (
        <p className="alert alert-success" role="status">
          Saved. New intervals apply from your next review.
        </p>
      )}
      {state.errors && (
        <p className="alert alert-error" role="alert">
          Nothing was saved: fix the fields marked below.
        </p>
      )}
      <Field
        id="desiredRetention"
        label={`Desired retention: ${Math.round(retention * 100)}%`}
        error={e.desiredRetention}
        hint={
          <>
            The chance you still remember a card when it comes due. Higher means shorter intervals and more reviews.
            {workload && (
              <span data-testid="workload">
                {' '}
                At {Math.round(retention * 100)}%, about <strong>{workload.perDay} reviews a day</strong> for {workload.cards} learned cards
                {workload.assumed ? ' (an example; you have fewer so far)' : ''}, averaged over a year.
              </span>
            )}
          </>
        }
      >
        <input
          id="desiredRetention"
          name="desiredRetention"
          type="number"
          min={0.7}
          max={0.99}
          step={0.01}
          defaultValue={values.desiredRetention}
          onChange={(ev) => setRetention(Number(ev.target.value))}
          aria-invalid={Boolean(e.desiredRetention)}
          aria-describedby={describedBy('desiredRetention', true)}
        />
      </Field>
      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: '0 1rem' }}>
        <Field id="newPerDay" label="New cards per day" error={e.newPerDay}>
          <input id="newPerDay" name="newPerDay" type="number" min={0} max={9999} defaultValue={values.newPerDay} aria-invalid={Boolean(e.newPerDay)} aria-describedby={describedBy('newPerDay')} />
        </Field>
        <Field id="maxReviewsPerDay" label="Maximum reviews per day" error={e.maxReviewsPerDay}>
          <input
            id="maxReviewsPerDay"
            name="maxReviewsPerDay"
            type="number"
            min={1}
            max={99999}
            defaultValue={values.maxReviewsPerDay}
            aria-invalid={Boolean(e.maxReviewsPerDay)}
            aria-describedby={describedBy('maxReviewsPerDay')}
          />
        </Field>
        <Field id="learningSteps" label="Learning steps" error={e.learningSteps} hint="Space-separated, like 1m 10m.">
          <input id="learningSteps" name="learningSteps" defaultValue={values.learningSteps} aria-invalid={Boolean(e.learningSteps)} aria-describedby={describedBy('learningSteps', true)} />
        </Field>
        <Field id="relearningSteps" label="Relearning steps" error={e.relearningSteps} hint="After a lapse, like 10m.">
          <input
            id="relearningSteps"
            name="relearningSteps"
            defaultValue={values.relearningSteps}
            aria-invalid={Boolean(e.relearningSteps)}
            aria-describedby={describedBy('relearningSteps', true)}
          />
        </Field>
        <Field
          id="timezone"
          label="Timezone"
          error={e.timezone}
          hint={values.timezoneSource === 'default' ? 'Detected from your browser. Save to confirm.' : 'Your study day and streaks follow it.'}
        >
          <select ref={tzRef} id="timezone" name="timezone" defaultValue={values.timezone} aria-invalid={Boolean(e.timezone)} aria-describedby={describedBy('timezone', true)}>
            {timezones.map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </select>
        </Field>
        <Field id="dayStartHour" label="Day starts at (hour)" error={e.dayStartHour} hint="4 means a late session at 1 am still counts for the evening before.">
          <input
            id="dayStartHour"
            name="dayStartHour"
            type="number"
            min={0}
            max={23}
            defaultValue={values.dayStartHour}
            aria-invalid={Boolean(e.dayStartHour)}
            aria-describedby={describedBy('dayStartHour', true)}
          />
        </Field>
        <Field id="maximumInterval" label="Maximum interval (days)" error={e.maximumInterval}>
          <input
            id="maximumInterval"
            name="maximumInterval"
            type="number"
            min={1}
            max={36500}
            defaultValue={values.maximumInterval}
            aria-invalid={Boolean(e.maximumInterval)}
            aria-describedby={describedBy('maximumInterval')}
          />
        </Field>
      </div>
      <div className="field">
        <label className="row" style={{ gap: '0.5rem', fontWeight: 600 }}>
          <input type="checkbox" name="fuzz" checked={fuzz} onChange={(ev) => setFuzz(ev.target.checked)} /> Fuzz intervals
        </label>
        <span className="hint">Spreads cards learned together over nearby days. The same card and history always get the same interval.</span>
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: '0 0 1rem' }} aria-describedby="easy-days-hint">
        <legend style={{ fontWeight: 600, marginBottom: '0.35rem', padding: 0 }}>Workload</legend>
        <label className="row" style={{ gap: '0.5rem', fontWeight: 600 }}>
          <input type="checkbox" name="loadBalance" checked={loadBalance} onChange={(ev) => setLoadBalance(ev.target.checked)} data-testid="load-balance" /> Balance
          my daily load
        </label>
        <span className="hint">
          Within the days fuzz allows, each review goes to the day with the fewest reviews already due, so the forecast stays flat. The
          same card and history always get the same day.{!fuzz && ' Needs fuzz: with fuzz off, intervals are exact and nothing moves.'}
        </span>
        <p className="hint" id="easy-days-hint" style={{ margin: '0.75rem 0 0.35rem' }}>
          Easy days: how much of a normal day&apos;s reviews each weekday should get. Load balancing moves the rest to the other days.
        </p>
        {e.easyDays && (
          <p className="error-text" role="alert" id="easyDays-error">
            {e.easyDays}
          </p>
        )}
        <ul className="easy-days" aria-label="Easy days and the forecast they give" data-testid="easy-days">
          {WEEKDAYS.map((d) => (
            <li key={d.index}>
              <label htmlFor={`easy${d.index}`}>
                <span aria-hidden="true">{d.short}</span>
                <span className="sr-only">{d.name}</span>
              </label>
              <select
                id={`easy${d.index}`}
                name={`easy${d.index}`}
                value={String(easyDays[d.index])}
                onChange={(ev) => setEasyDays((prev) => prev.map((f, i) => (i === d.index ? Number(ev.target.value) : f)))}
                disabled={!loadBalance}
              >
                {EASY_DAY_FRACTIONS.map((f) => (
                  <option key={f} value={String(f)}>
                    {Math.round(f * 100)}%
                  </option>
                ))}
              </select>
              <span className="progress" aria-hidden="true">
                <span style={{ width: `${Math.round((100 * week[d.index]!) / busiest)}%` }} />
              </span>
              <span className="muted" data-testid={`forecast-${d.short.toLowerCase()}`} style={{ fontVariantNumeric: 'tabular-nums' }}>
                ≈ {Math.round(week[d.index]!)}
              </span>
            </li>
          ))}
        </ul>
        {/* A disabled select is not submitted: keep the chosen days when balancing is off. */}
        {!loadBalance && WEEKDAYS.map((d) => <input key={d.index} type="hidden" name={`easy${d.index}`} value={String(easyDays[d.index])} />)}
        <span className="hint" data-testid="week-forecast">
          {loadBalance
            ? `Forecast: about ${Math.round(perDay * 7)} reviews a week${values.reviewsPerDay === null ? ' (an example at your retention; you have no review cards yet)' : ' (your next four weeks, on average)'}, spread as shown. Cards due again within 3 days cannot move, so light days still get a few.`
            : 'Turn on load balancing to use easy days.'}
        </span>
      </fieldset>
      <div className="field">
        <label className="row" style={{ gap: '0.5rem', fontWeight: 600 }}>
          <input type="checkbox" name="autoOptimize" defaultChecked={values.autoOptimize} /> Re-fit my parameters by myself
        </label>
        <span className="hint">After every 1,000 new reviews, or monthly, the optimizer runs in the background and keeps its result only if it is better.</span>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
