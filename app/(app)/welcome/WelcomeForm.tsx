'use client';

import { useActionState, useState, useTransition } from 'react';
import {
  finishFirstRunAction,
  placementAction,
  skipFirstRunAction,
  type FirstRunState,
  type PlacementState,
} from '@/lib/study/onboarding-actions';

type Goal = 'pace' | 'interview' | 'team';

const GOALS: { id: Goal; title: string; text: string }[] = [
  { id: 'pace', title: 'Learn the library at my pace', text: 'Lessons first, then flashcards scheduled just before you would forget them.' },
  { id: 'interview', title: 'Prepare for an interview', text: 'Give the date: your dashboard shows the pace you need and the recall to expect on the day.' },
  { id: 'team', title: 'I was invited by a team', text: 'Open the invite link you were sent; your team’s assignments then come first.' },
];

const LEVEL_NAMES: Record<string, string> = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };

export interface WelcomePath {
  id: string;
  title: string;
  audience: string;
  description: string;
  steps: number;
  first: string;
  next: string | null;
  started: boolean;
}

export interface WelcomeQuestion {
  id: string;
  topicTitle: string;
  promptHtml: string;
  options: { index: number; html: string }[];
}

export function WelcomeForm({
  revisit,
  initialGoal,
  initialPath,
  initialDate,
  minDate,
  paths,
  questions,
}: {
  revisit: boolean;
  initialGoal: Goal;
  initialPath: string;
  initialDate: string;
  minDate: string;
  paths: WelcomePath[];
  questions: WelcomeQuestion[];
}) {
  const [goal, setGoal] = useState<Goal>(initialGoal);
  const [pathId, setPathId] = useState(initialPath);
  const [state, finish, finishing] = useActionState<FirstRunState, FormData>(finishFirstRunAction, {});
  const [skipState, skip, skipping] = useActionState<FirstRunState, FormData>(skipFirstRunAction, {});
  const [placement, setPlacement] = useState<PlacementState>({});
  const [checking, startCheck] = useTransition();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const suggestion = placement.result?.suggestion ?? null;

  function checkPlacement() {
    const data = new FormData();
    for (const [id, index] of Object.entries(answers)) data.set(`q:${id}`, String(index));
    startCheck(async () => {
      const result = await placementAction({}, data);
      setPlacement(result);
      if (result.result) setPathId(result.result.suggestion);
    });
  }

  const chosen = paths.find((p) => p.id === pathId);
  const submitLabel =
    goal === 'team' ? 'Continue to teams' : chosen?.next ? `Start: ${chosen.next}` : `Open the ${chosen?.title.toLowerCase() ?? ''} path`;

  return (
    <>
      <form action={finish} className="stack" aria-describedby={state.error ? 'first-run-error' : undefined}>
        <fieldset className="choice-group panel">
          <legend>
            <span className="choice-step">1</span> What brings you here?
          </legend>
          <div className="choice-grid">
            {GOALS.map((g) => (
              <label key={g.id} className="choice" data-testid={`goal-${g.id}`}>
                <input type="radio" name="goal" value={g.id} checked={goal === g.id} onChange={() => setGoal(g.id)} />
                <span className="choice-body">
                  <strong>{g.title}</strong>
                  <span className="muted">{g.text}</span>
                </span>
              </label>
            ))}
          </div>
          {goal === 'interview' && (
            <div className="field" style={{ marginTop: '1rem', marginBottom: 0, maxWidth: '16rem' }}>
              <label htmlFor="interview-date">Interview date</label>
              <input
                id="interview-date"
                name="date"
                type="date"
                required
                min={minDate}
                defaultValue={initialDate}
                aria-invalid={state.field === 'date' ? true : undefined}
                aria-describedby="interview-date-hint"
              />
              <span id="interview-date-hint" className="muted" style={{ fontSize: '0.85rem' }}>
                Sets the plan on your dashboard for the path you choose below.
              </span>
            </div>
          )}
          {goal === 'team' && (
            <p className="muted" style={{ marginBottom: 0 }}>
              Your invite link (<code>/teams/join/…</code>) shows what the team will see before you join. Next, the Teams page; your starting path below is
              where you study until the team assigns something.
            </p>
          )}
        </fieldset>

        <fieldset className="choice-group panel">
          <legend>
            <span className="choice-step">2</span> Where do you start?
          </legend>
          <div className="choice-grid">
            {paths.map((p) => (
              <label key={p.id} className="choice" data-testid={`path-${p.id}`}>
                <input type="radio" name="pathId" value={p.id} checked={pathId === p.id} onChange={() => setPathId(p.id)} />
                <span className="choice-body">
                  <strong>
                    {p.title} <span className="muted choice-audience">· {p.audience}</span>
                    {suggestion === p.id && <span className="badge badge-star choice-suggested">Suggested</span>}
                  </strong>
                  <span className="muted">{p.description}</span>
                  <span className="choice-first">
                    {p.next ? (p.started ? `Next: ${p.next}` : `First lesson: ${p.first}`) : 'Every step done'} · {p.steps} steps
                  </span>
                </span>
              </label>
            ))}
          </div>

          <details className="placement" data-testid="placement">
            <summary>Not sure? Take a 5-question placement check</summary>
            <p className="muted">
              Questions from the lessons themselves: two on the beginner path, two on the intermediate and one on the advanced. Nothing is recorded; it only
              suggests where to start.
            </p>
            <ol className="placement-list">
              {questions.map((q, qi) => (
                <li key={q.id}>
                  <fieldset className="placement-question" data-question-id={q.id}>
                    <legend>
                      <span className="muted">
                        Question {qi + 1} · {q.topicTitle}
                      </span>
                      <span className="placement-prompt" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
                    </legend>
                    {q.options.map((o) => (
                      <label key={o.index} className="placement-option">
                        <input
                          type="radio"
                          name={`placement-${q.id}`}
                          value={o.index}
                          form="placement-none"
                          checked={answers[q.id] === o.index}
                          onChange={() => setAnswers((a) => ({ ...a, [q.id]: o.index }))}
                        />
                        <span dangerouslySetInnerHTML={{ __html: o.html }} />
                      </label>
                    ))}
                  </fieldset>
                </li>
              ))}
            </ol>
            <div className="row">
              <button type="button" className="btn" onClick={checkPlacement} disabled={checking} data-testid="placement-check">
                {checking ? 'Checking…' : 'Check my answers'}
              </button>
              <span className="muted" style={{ fontSize: '0.9rem' }}>
                {Object.keys(answers).length} of {questions.length} answered
              </span>
            </div>
            {placement.error && (
              <p className="error-text" role="alert">
                {placement.error}
              </p>
            )}
            {placement.result && (
              <div className="alert alert-info placement-result" role="status" data-testid="placement-result">
                <p style={{ margin: 0 }}>
                  <strong>
                    {placement.result.score} of {placement.result.total} right.
                  </strong>{' '}
                  {placement.result.suggestion === 'beginner'
                    ? 'Start with the beginner path: its lessons are the ground the others build on.'
                    : `You can start on the ${LEVEL_NAMES[placement.result.suggestion]!.toLowerCase()} path; it is selected above. The earlier lessons stay open whenever you want them.`}
                </p>
                <ul className="placement-marks">
                  {placement.result.results.map((r) => (
                    <li key={r.id}>
                      {r.correct ? '✓' : r.answered ? '✗' : '–'} {r.topicTitle}
                      <span className="sr-only">{r.correct ? ': right' : r.answered ? ': wrong' : ': not answered'}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </details>
        </fieldset>

        {state.error && (
          <p id="first-run-error" className="alert alert-error" role="alert">
            {state.error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={finishing || skipping} data-testid="first-run-start">
            {finishing ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
      <form action={skip} className="row first-run-skip">
        <button type="submit" className="btn-link" disabled={finishing || skipping}>
          {revisit ? 'Back to today without changes' : 'Skip for now'}
        </button>
        {!revisit && <span className="muted">The dashboard keeps a link here, and Settings too.</span>}
        {skipState.error && (
          <p className="error-text" role="alert">
            {skipState.error}
          </p>
        )}
      </form>
    </>
  );
}
