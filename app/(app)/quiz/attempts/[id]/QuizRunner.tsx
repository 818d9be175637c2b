'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface RunnerQuestion {
  id: string;
  promptHtml: string;
  optionsHtml: string[];
  topicTitle: string;
  topicHref: string;
}

export interface RunnerAnswer {
  position: number;
  correct: boolean | null;
  correctPosition: number | null;
  whysHtml: string[] | null;
  pulledCards?: number;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function QuizRunner({
  attemptId,
  title,
  questions,
  initialAnswers,
  immediateFeedback,
  deadline,
  serverNow,
}: {
  attemptId: string;
  title: string;
  questions: RunnerQuestion[];
  initialAnswers: Record<string, RunnerAnswer>;
  immediateFeedback: boolean;
  /** Epoch ms, for timed attempts. */
  deadline: number | null;
  serverNow: number;
}) {
  const router = useRouter();
  const [answers, setAnswers] = useState(initialAnswers);
  const firstOpen = questions.findIndex((q) => !initialAnswers[q.id]);
  const [index, setIndex] = useState(firstOpen === -1 ? questions.length - 1 : firstOpen);
  const [selected, setSelected] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [finishing, setFinishing] = useState(false);
  /** "Submit now" with questions unanswered: an inline step asks before the mock ends. */
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const submitNowRef = useRef<HTMLButtonElement>(null);
  // Clock skew: count down against the server's clock, not the device's.
  const skew = useRef(0);
  const [remaining, setRemaining] = useState<number | null>(deadline ? deadline - serverNow : null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const q = questions[index]!;
  const answer = answers[q.id];
  const answeredCount = Object.keys(answers).length;
  const allAnswered = answeredCount === questions.length;

  const finish = useCallback(async () => {
    if (finishing) return;
    setFinishing(true);
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const res = await fetch(`/api/quiz/attempts/${attemptId}/finish`, { method: 'POST' });
        if (res.ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
    router.refresh();
  }, [attemptId, finishing, router]);

  useEffect(() => {
    if (!deadline) return;
    skew.current = serverNow - Date.now();
    const tick = () => {
      const left = deadline - (Date.now() + skew.current);
      setRemaining(left);
      if (left <= 0) void finish();
    };
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadline, serverNow, finish]);

  // When the current question was put on screen: its answer records how long it took.
  const shownAt = useRef(0);
  useEffect(() => {
    headingRef.current?.focus();
    shownAt.current = Date.now();
  }, [index]);

  const submit = useCallback(
    async (position: number) => {
      if (answer || busy || finishing) return;
      setBusy(true);
      setError('');
      setConfirming(false);
      setSelected(position);
      try {
        const res = await fetch(`/api/quiz/attempts/${attemptId}/answers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ questionId: q.id, position, durationMs: Math.min(Math.max(0, Date.now() - shownAt.current), 86_400_000) }),
        });
        const body = (await res.json().catch(() => ({}))) as RunnerAnswer & { error?: string };
        if (!res.ok) {
          setError(body.error ?? 'The answer could not be saved.');
          if (res.status === 409) router.refresh();
          return;
        }
        setAnswers((a) => ({ ...a, [q.id]: { ...body, position } }));
        if (!immediateFeedback) {
          setSelected(null);
          const next = questions.findIndex((x, i) => i > index && !answers[x.id]);
          if (next !== -1) setIndex(next);
        }
      } catch {
        setError('No connection: the answer was not saved. Try again.');
      } finally {
        setBusy(false);
      }
    },
    [answer, busy, finishing, attemptId, q.id, immediateFeedback, questions, index, answers, router],
  );

  const goNext = useCallback(() => {
    setSelected(null);
    setError('');
    const next = questions.findIndex((x, i) => i > index && !answers[x.id]);
    if (next !== -1) setIndex(next);
    else if (index < questions.length - 1) setIndex(index + 1);
  }, [questions, index, answers]);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const keepAnswering = useCallback(() => {
    setConfirming(false);
    requestAnimationFrame(() => submitNowRef.current?.focus());
  }, []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // While the submit step asks, keys belong to it: Escape keeps answering, nothing answers behind it.
      if (confirming) {
        if (e.key === 'Escape') {
          e.preventDefault();
          keepAnswering();
        }
        return;
      }
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
      const n = q.optionsHtml.length;
      const byNumber = Number(e.key) - 1;
      const byLetter = LETTERS.indexOf(e.key.toUpperCase());
      const pick = byNumber >= 0 && byNumber < n ? byNumber : byLetter >= 0 && byLetter < n ? byLetter : -1;
      if (pick >= 0 && !answer) {
        e.preventDefault();
        void submit(pick);
      } else if (e.key === 'Enter' && answer && !(t && (t.tagName === 'A' || t.tagName === 'BUTTON'))) {
        e.preventDefault();
        if (allAnswered) void finish();
        else goNext();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [q, answer, submit, goNext, allAnswered, finish, confirming, keepAnswering]);

  const progress = useMemo(() => `${answeredCount} of ${questions.length} answered`, [answeredCount, questions.length]);
  const lowTime = remaining !== null && remaining < 30_000;

  return (
    <div className="review-wrap">
      <div className="row spread" style={{ marginBottom: '0.75rem' }}>
        <p className="muted" style={{ margin: 0 }}>
          {title} · Question {index + 1} of {questions.length}
        </p>
        {remaining !== null && (
          <p
            role="timer"
            aria-live={lowTime ? 'assertive' : 'off'}
            aria-label={`Time left ${formatClock(remaining)}`}
            className="badge"
            data-testid="timer"
            style={{ fontSize: '1rem', color: lowTime ? 'var(--bad)' : undefined, margin: 0 }}
          >
            ⏱ {formatClock(remaining)}
          </p>
        )}
      </div>
      <div className="progress" aria-hidden="true" style={{ marginBottom: '1rem' }}>
        <span style={{ width: `${(100 * answeredCount) / questions.length}%` }} />
      </div>
      <div className="flashcard" data-testid="quiz-question" data-question-id={q.id}>
        <div className="flashcard-topic">
          {immediateFeedback || answer ? <Link href={q.topicHref}>{q.topicTitle}</Link> : <span>{q.topicTitle}</span>}
        </div>
        <h1 className="flashcard-front" tabIndex={-1} ref={headingRef} style={{ margin: 0, fontSize: '1.2rem' }}>
          <span dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
        </h1>
        <ul className="options" role="list" aria-label="Options">
          {q.optionsHtml.map((html, i) => {
            const chosen = answer ? answer.position === i : selected === i;
            const right = answer?.correctPosition === i;
            const state = answer && immediateFeedback ? (right ? 'correct' : chosen ? 'wrong' : 'other') : chosen ? 'chosen' : 'open';
            return (
              <li key={i}>
                <button
                  type="button"
                  className={`option option-button option-${state}`}
                  disabled={Boolean(answer) || busy || finishing}
                  aria-pressed={chosen}
                  onClick={() => void submit(i)}
                  data-testid={`option-${i}`}
                >
                  <span className="option-letter" aria-hidden="true">
                    {LETTERS[i]}
                  </span>
                  <span>
                    <span dangerouslySetInnerHTML={{ __html: html }} />
                    {answer?.whysHtml && (
                      <span className="option-why">
                        <strong>{right ? 'Right: ' : chosen ? 'Your answer: ' : ''}</strong>
                        <span dangerouslySetInnerHTML={{ __html: answer.whysHtml[i]! }} />
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {answer && immediateFeedback && (
          <p role="status" className={`alert ${answer.correct ? 'alert-success' : 'alert-error'}`} style={{ marginTop: '1rem', marginBottom: 0 }} data-testid="feedback">
            {answer.correct
              ? 'Correct.'
              : `Not quite.${answer.pulledCards ? ` ${answer.pulledCards} related card${answer.pulledCards === 1 ? ' is' : 's are'} now in today's review.` : ''}`}
          </p>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert" style={{ marginTop: '1rem' }}>
          {error}
        </p>
      )}
      <div className="review-toolbar">
        <span className="muted" style={{ fontSize: '0.9rem' }}>
          {progress}
          <span className="key-hint">
            {' '}
            · keys 1-{q.optionsHtml.length} answer{immediateFeedback ? ', Enter continues' : ''}
          </span>
        </span>
        {allAnswered ? (
          <button type="button" className="btn btn-primary" onClick={() => void finish()} disabled={finishing}>
            {finishing ? 'Scoring…' : 'See results'}
          </button>
        ) : answer ? (
          <button type="button" className="btn btn-primary" onClick={goNext}>
            Next question →
          </button>
        ) : !immediateFeedback && !confirming ? (
          <button type="button" className="btn" ref={submitNowRef} onClick={() => setConfirming(true)} disabled={finishing}>
            Submit now
          </button>
        ) : null}
      </div>
      {confirming && !allAnswered && (
        <div className="confirm-step" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-desc" data-testid="submit-confirm">
          <p id="confirm-title" className="confirm-title">
            Submit with {questions.length - answeredCount} of {questions.length} unanswered?
          </p>
          <p id="confirm-desc" className="muted">
            Unanswered questions count as wrong and the mock ends{remaining !== null ? `; you still have ${formatClock(remaining)}` : ''}.
          </p>
          <div className="row">
            <button type="button" className="btn btn-primary" ref={keepRef} onClick={keepAnswering}>
              Keep answering
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void finish()} disabled={finishing}>
              {finishing ? 'Scoring…' : 'Submit anyway'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
