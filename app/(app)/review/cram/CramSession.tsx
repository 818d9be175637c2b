'use client';

import Link from 'next/link';
import { SessionProgress } from '@/app/_components/SessionProgress';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ratingForAnswer } from '@/lib/quiz/grade';
import { shuffle } from '@/lib/quiz/shuffle';
import { afterCramAnswer } from '@/lib/srs/cram-queue';
import { GRADE_LABELS, GRADES, type Grade } from '@/lib/srs/grades';

export interface CramItemView {
  itemId: string;
  kind: 'card' | 'question';
  topicTitle: string;
  topicHref: string;
  frontHtml: string;
  backHtml: string;
  options: { html: string; whyHtml: string; correct: boolean }[];
  /** Recall probability when the session started (0 for items never studied). */
  retrievability: number;
}

const GRADE_CLASS: Record<Grade, string> = { 1: 'grade-again', 2: 'grade-hard', 3: 'grade-good', 4: 'grade-easy' };
const GRADE_HINT: Record<Grade, string> = { 1: 'again soon', 2: 'done', 3: 'done', 4: 'done' };

/** Saves cram answers one at a time, in order, retrying network failures (a 409 on a retry means it landed). */
function useCramSaver(onFatal: (message: string) => void) {
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [saving, setSaving] = useState(0);
  const save = useCallback(
    (body: object) => {
      setSaving((n) => n + 1);
      const run = async () => {
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            const res = await fetch('/api/cram', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
            if (res.ok || res.status === 409) return;
            if (res.status === 401) return onFatal('Your session has ended. Sign in again to keep cramming.');
            if (res.status < 500) {
              const data = (await res.json().catch(() => ({}))) as { error?: string };
              return onFatal(data.error ?? 'The server refused this answer.');
            }
          } catch {
            // offline or restarting: retry below
          }
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        }
        onFatal('Could not save your last answer. Check your connection and reload the page.');
      };
      const p = chain.current.then(run).finally(() => setSaving((n) => n - 1));
      chain.current = p;
    },
    [onFatal],
  );
  return { save, saving };
}

export function CramSession({ title, items }: { title: string; items: CramItemView[] }) {
  const [queue, setQueue] = useState(items);
  const [revealed, setRevealed] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const [answered, setAnswered] = useState(0);
  const [remembered, setRemembered] = useState(0);
  /** How many times each item has been shown, so a forgotten question comes back with its options reshuffled. */
  const [shown, setShown] = useState<Record<string, number>>({});
  const [fatal, setFatal] = useState('');
  const shownAt = useRef(0);
  const { save, saving } = useCramSaver(setFatal);
  const current = queue[0];

  useEffect(() => {
    shownAt.current = Date.now();
  }, [current?.itemId, answered]);

  const displayOrder = useMemo(
    () => (current?.kind === 'question' ? shuffle(current.options.map((_, i) => i), `cram:${current.itemId}:${shown[current.itemId] ?? 0}`) : []),
    [current, shown],
  );
  const questionRating = chosen !== null && current?.kind === 'question' ? ratingForAnswer(current.options[chosen]!.correct) : null;

  const grade = useCallback(
    (rating: Grade, answer?: number) => {
      if (!current || !revealed || fatal) return;
      save({ id: crypto.randomUUID(), itemId: current.itemId, ...(answer === undefined ? { rating } : { answer }), durationMs: Math.min(Date.now() - shownAt.current, 86_400_000) });
      setQueue((q) => afterCramAnswer(q, rating));
      setShown((s) => ({ ...s, [current.itemId]: (s[current.itemId] ?? 0) + 1 }));
      setAnswered((n) => n + 1);
      if (rating > 1) setRemembered((n) => n + 1);
      setRevealed(false);
      setChosen(null);
    },
    [current, revealed, fatal, save],
  );

  const choose = useCallback((index: number) => {
    setChosen(index);
    setRevealed(true);
  }, []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey || !current) return;
      if (current.kind === 'question') {
        const pick = Number(e.key) - 1;
        if (!revealed && pick >= 0 && pick < displayOrder.length) {
          e.preventDefault();
          choose(displayOrder[pick]!);
        } else if (revealed && chosen !== null && (e.key === ' ' || e.key === 'Enter')) {
          if (e.key === 'Enter' && target && (target.tagName === 'A' || target.tagName === 'BUTTON')) return;
          e.preventDefault();
          grade(questionRating!, chosen);
        }
        return;
      }
      if (!revealed && (e.key === ' ' || e.key === 'Enter')) {
        if (e.key === 'Enter' && target && (target.tagName === 'A' || (target.tagName === 'BUTTON' && !target.dataset.reveal))) return;
        e.preventDefault();
        setRevealed(true);
      } else if (revealed && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault();
        grade(Number(e.key) as Grade);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, revealed, chosen, displayOrder, choose, grade, questionRating]);

  const status = fatal ? (
    <p className="alert alert-error" role="alert">
      {fatal}
    </p>
  ) : null;

  const header = (
    <div className="row spread" style={{ marginBottom: '1rem', gap: '0.5rem' }}>
      <h1 style={{ margin: 0, fontSize: '1.25rem' }}>
        Cram: {title}
      </h1>
      <span className="badge" title="Cramming does not change your schedule">
        Schedule unchanged
      </span>
    </div>
  );

  if (!current) {
    return (
      <div className="review-wrap">
        {header}
        {status}
        <div className="panel" style={{ textAlign: 'center', padding: '2.5rem 1.5rem' }}>
          <h2 style={{ marginTop: 0 }}>{answered > 0 ? 'Cram session done' : 'Nothing to cram here'}</h2>
          <p className="muted" data-testid="cram-summary">
            {answered > 0
              ? `${answered} answer${answered === 1 ? '' : 's'}, ${remembered} remembered${saving ? ' (saving…)' : ''}. Your review schedule is as it was.`
              : 'These patterns have no cards or questions you can cram (suspended ones are left out).'}
          </p>
          <div className="row" style={{ justifyContent: 'center' }}>
            <Link href="/review/cram" className="btn">
              Cram something else
            </Link>
            <Link href="/dashboard" className="btn btn-primary">
              Back to today
            </Link>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="review-wrap">
      {header}
      {status}
      <div className="review-head">
        <ul className="review-counts" aria-label="This cram session">
          <li>
            <span className="count-n">{queue.length}</span> <span className="count-label">Left</span>
          </li>
          <li>
            <span className="count-n">{answered}</span> <span className="count-label">Answered</span>
          </li>
        </ul>
        <SessionProgress done={answered} total={answered + queue.length} label="Cram progress" />
      </div>
      <div className="flashcard" tabIndex={-1} aria-live="polite" data-testid="cram-card" data-item-id={current.itemId}>
        <div className="flashcard-topic">
          <Link href={current.topicHref}>{current.topicTitle}</Link>
          <span className="muted" style={{ marginLeft: '0.5rem' }}>
            {current.retrievability > 0 ? `recall ${Math.round(current.retrievability * 100)}%` : 'not studied yet'}
          </span>
        </div>
        <div className="flashcard-front" dangerouslySetInnerHTML={{ __html: current.frontHtml }} />
        {current.kind === 'question' && (
          <ul className="options" aria-label="Options">
            {displayOrder.map((o, pos) => {
              const opt = current.options[o]!;
              const state = !revealed ? 'open' : opt.correct ? 'correct' : chosen === o ? 'wrong' : 'other';
              return (
                <li key={o}>
                  <button type="button" className={`option option-button option-${state}`} disabled={revealed} onClick={() => choose(o)} data-testid={`cram-option-${pos}`}>
                    <span className="option-letter" aria-hidden="true">
                      {pos + 1}
                    </span>
                    <span>
                      <span dangerouslySetInnerHTML={{ __html: opt.html }} />
                      {revealed && <span className="option-why" dangerouslySetInnerHTML={{ __html: opt.whyHtml }} />}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {revealed && current.kind === 'card' && <div className="flashcard-back" data-testid="cram-answer" dangerouslySetInnerHTML={{ __html: current.backHtml }} />}
      </div>
      {current.kind === 'question' ? (
        revealed && questionRating !== null ? (
          <div className="row spread" style={{ marginTop: '1rem' }}>
            <p role="status" className={`alert ${questionRating === 3 ? 'alert-success' : 'alert-error'}`} style={{ margin: 0 }} data-testid="cram-answer">
              {questionRating === 3 ? 'Correct' : 'Not quite: it comes back in a moment'}
            </p>
            <button type="button" className="btn btn-primary" onClick={() => grade(questionRating, chosen!)}>
              Continue <span className="kbd" style={{ color: 'inherit' }}>Enter</span>
            </button>
          </div>
        ) : (
          <p className="muted" style={{ marginTop: '1rem', textAlign: 'center' }}>
            Choose an answer<span className="key-hint"> (keys 1-{current.options.length})</span>.
          </p>
        )
      ) : !revealed ? (
        <button type="button" className="btn btn-primary" data-reveal="true" style={{ width: '100%', marginTop: '1rem', minHeight: '3.5rem' }} onClick={() => setRevealed(true)}>
          Show answer <span className="kbd" style={{ color: 'inherit' }}>Space</span>
        </button>
      ) : (
        <div className="grades" role="group" aria-label="How well did you remember?">
          {GRADES.map((g) => (
            <button key={g} type="button" className={`grade ${GRADE_CLASS[g]}`} onClick={() => grade(g)} aria-keyshortcuts={String(g)} aria-label={`${GRADE_LABELS[g]}: ${GRADE_HINT[g]}`}>
              <span className="grade-label">{GRADE_LABELS[g]}</span>
              <span className="grade-interval">{GRADE_HINT[g]}</span>
              <span className="kbd" aria-hidden="true">
                {g}
              </span>
            </button>
          ))}
        </div>
      )}
      <div className="review-toolbar">
        <Link href="/review/cram" className="btn btn-small">
          Stop
        </Link>
        <span className="muted" style={{ fontSize: '0.9rem' }} role="status">
          {answered} answered{saving > 0 ? ' · saving…' : ''}
        </span>
      </div>
    </div>
  );
}
