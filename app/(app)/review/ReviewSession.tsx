'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
// Not lib/srs/scheduler: the server runs the scheduler and sends each item's previews, so
// ts-fsrs stays out of this page's JavaScript.
import { comesBackInSession, GRADE_LABELS, GRADES, State, type CardState, type Grade, type GradePreviews } from '@/lib/srs/grades';
import { areSiblings, LEARN_AHEAD_MS } from '@/lib/srs/queue';
import { ratingForAnswer } from '@/lib/quiz/grade';
import { NEXT_BATCH, type PendingItem, type ReviewItemView, type SerializedCard } from '@/lib/study/review-view';
import { SessionProgress } from '@/app/_components/SessionProgress';

export type { ReviewItemView } from '@/lib/study/review-view';

/** What the screen needs of a card's state: when it is due, what it counts as, and its showing. */
interface CardView {
  due: number;
  state: CardState;
  reps: number;
}

interface QueueEntry {
  view: ReviewItemView;
  card: CardView | null;
  /** What each grade gives; null while the grade that put this card back is being saved. */
  previews: GradePreviews | null;
  /** A learning card put back after a grade: it waits behind everything the page queued. */
  requeued?: boolean;
  /** The grade that put it back: its answer brings the card as stored and its previews. */
  from?: string;
}

interface HistoryEntry {
  logId: string;
  entry: QueueEntry;
}

/** The grade route's answer for a flashcard that comes back in this session. */
interface GradeAnswer {
  card: SerializedCard;
  previews: GradePreviews | null;
}

function cardView(card: Pick<SerializedCard, 'due' | 'state' | 'reps'> | null): CardView | null {
  return card ? { due: new Date(card.due).getTime(), state: card.state, reps: card.reps } : null;
}

function entryOf(view: ReviewItemView): QueueEntry {
  return { view, card: cardView(view.card), previews: view.previews };
}

const GRADE_CLASS: Record<Grade, string> = { 1: 'grade-again', 2: 'grade-hard', 3: 'grade-good', 4: 'grade-easy' };

/** Sends requests one at a time, in order, retrying network failures; a 409 on a retried grade means it landed. */
function useSaveQueue(onFatal: (message: string) => void) {
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [saving, setSaving] = useState(0);
  const [retrying, setRetrying] = useState(false);

  const send = useCallback(
    (url: string, init: RequestInit, okStatuses: number[], onSaved?: (res: Response) => Promise<void> | void) => {
      setSaving((n) => n + 1);
      const run = async () => {
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
            if (res.ok || okStatuses.includes(res.status)) {
              setRetrying(false);
              // Saved: reading the answer must not send it again.
              await Promise.resolve(onSaved?.(res)).catch(() => {});
              return;
            }
            if (res.status === 401) return onFatal('Your session has ended. Sign in again to keep reviewing.');
            if (res.status < 500) {
              const body = (await res.json().catch(() => ({}))) as { error?: string };
              return onFatal(body.error ?? 'The server refused this review.');
            }
          } catch {
            // offline or the server restarted: try again below
          }
          setRetrying(true);
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        }
        onFatal('Could not save your last review. Check your connection and reload the page.');
      };
      const p = chain.current.then(run).finally(() => setSaving((n) => n - 1));
      chain.current = p;
      return p;
    },
    [onFatal],
  );
  return { send, saving, retrying };
}

/** When fewer items than this are loaded ahead, the next batch is fetched. */
const LOW_WATER = 8;

/** Where fetched items go: after the page's queue, before the learning cards put back at the end. */
function insertLoaded(queue: QueueEntry[], loaded: QueueEntry[]): QueueEntry[] {
  let i = queue.length;
  while (i > 0 && queue[i - 1]!.requeued) i--;
  return [...queue.slice(0, i), ...loaded, ...queue.slice(i)];
}

export function ReviewSession({
  initialItems,
  pending: initialPending = [],
  reviewsToday,
  next,
}: {
  initialItems: ReviewItemView[];
  /** Today's items not sent with the page, in queue order: fetched from /api/review/items as the learner goes. */
  pending?: PendingItem[];
  reviewsToday: number;
  /** Where the empty state sends the learner: the next step of their path, else a quiz. */
  next: { label: string; href: string; context: string };
}) {
  const [queue, setQueue] = useState<QueueEntry[]>(() => initialItems.map(entryOf));
  const [revealed, setRevealed] = useState(false);
  /** Quiz questions: the chosen option (content index) once answered. */
  const [chosen, setChosen] = useState<number | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [done, setDone] = useState(0);
  const [fatal, setFatal] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const shownAt = useRef(0);
  const { send, saving, retrying } = useSaveQueue(setFatal);
  const [pending, setPending] = useState<PendingItem[]>(initialPending);
  const loading = useRef(false);
  const [loadFailures, setLoadFailures] = useState(0);

  // Fetch the next items before the loaded ones run out.
  const loadedAhead = useMemo(() => queue.filter((e) => !e.requeued).length, [queue]);
  useEffect(() => {
    if (pending.length === 0 || loadedAhead >= LOW_WATER || loading.current || fatal) return;
    loading.current = true;
    const batch = pending.slice(0, NEXT_BATCH);
    void (async () => {
      try {
        const res = await fetch('/api/review/items', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ids: batch.map(([id]) => id) }),
        });
        if (res.status === 401) return setFatal('Your session has ended. Sign in again to keep reviewing.');
        if (!res.ok) throw new Error(String(res.status));
        const { items } = (await res.json()) as { items: ReviewItemView[] };
        setQueue((q) => {
          const present = new Set(q.map((e) => e.view.itemId));
          return insertLoaded(q, items.filter((v) => !present.has(v.itemId)).map(entryOf));
        });
        setPending((p) => p.slice(batch.length));
        setLoadFailures(0);
      } catch {
        // Offline or the server restarted: try again after a pause (the effect runs again).
        await new Promise((r) => setTimeout(r, Math.min(8000, 500 * 2 ** loadFailures)));
        setLoadFailures((n) => n + 1);
      } finally {
        loading.current = false;
      }
    })();
  }, [pending, loadedAhead, fatal, loadFailures]);

  // The first entry that is due and not a sibling of the one just answered; learning cards
  // wait for their step unless nothing else is left.
  const previous = history.at(-1)?.entry.view;
  const currentIndex = useMemo(() => {
    if (queue.length === 0) return -1;
    // The page's queue comes before the learning cards put back: wait for the next items.
    if (pending.length > 0 && !queue.some((e) => !e.requeued)) return -1;
    const isDue = (e: QueueEntry) => !e.card || e.card.due <= now + LEARN_AHEAD_MS || e.card.state === State.Review;
    const apart = previous ? queue.findIndex((e) => isDue(e) && !areSiblings(previous, e.view)) : -1;
    if (apart >= 0) return apart;
    const dueNow = queue.findIndex(isDue);
    return dueNow >= 0 ? dueNow : 0;
  }, [queue, now, previous, pending.length]);
  const current = currentIndex >= 0 ? queue[currentIndex] : undefined;

  useEffect(() => {
    shownAt.current = Date.now();
  }, [current?.view.itemId, current?.card?.reps]);

  // Revealing changes nothing but that: the card on screen stays the one the learner answered
  // (the clock is read again after a grade or an undo, when the next card is picked).
  const reveal = useCallback(() => setRevealed(true), []);

  // The grade buttons' intervals, computed by the server when it sent the item (for a card put
  // back in this session, when it saved the grade: until then the buttons show no interval).
  const previews = current?.previews ?? null;

  // The server chose the order so that it differs from the question's previous showing.
  const displayOrder = useMemo(() => (current?.view.kind === 'question' ? current.view.order : []), [current]);
  const questionRating = chosen !== null && current?.view.kind === 'question' ? ratingForAnswer(current.view.options[chosen]!.correct) : null;
  const choose = useCallback(
    (index: number) => {
      setChosen(index);
      reveal();
    },
    [reveal],
  );

  const counts = useMemo(() => {
    let fresh = 0;
    let learning = 0;
    let review = 0;
    for (const e of queue) {
      if (!e.card || e.card.state === State.New) fresh++;
      else if (e.card.state === State.Review) review++;
      else learning++;
    }
    for (const [, kind] of pending) {
      if (kind === 0) fresh++;
      else if (kind === 2) review++;
      else learning++;
    }
    return { fresh, learning, review };
  }, [queue, pending]);
  // This session: what is done and what is left (a learning card put back counts again).
  const sessionTotal = done + counts.fresh + counts.learning + counts.review;

  /** Grades undone in this session: a late answer to one of them changes nothing on screen. */
  const undone = useRef(new Set<string>());

  /** The grade `logId` was saved: its card (if it comes back in this session) takes the state the server stored and its next previews. */
  const saved = useCallback((logId: string, view: ReviewItemView, putBack: boolean, answer: GradeAnswer) => {
    if (undone.current.has(logId)) return;
    const stored = { card: cardView(answer.card), previews: answer.previews };
    const update = (e: QueueEntry): QueueEntry => (e.from === logId ? { ...e, ...stored } : e);
    setQueue((q) => {
      if (!answer.previews) return q.filter((e) => e.from !== logId);
      if (putBack || q.some((e) => e.view.itemId === view.itemId)) return q.map(update);
      // Graded before its previews came back: it is put back now.
      return [...q, { view, ...stored, requeued: true, from: logId }];
    });
    setHistory((h) => h.map((x) => (x.entry.from === logId ? { ...x, entry: update(x.entry) } : x)));
  }, []);

  const grade = useCallback(
    (rating: Grade, answer?: number) => {
      if (!current || !revealed || fatal) return;
      const at = Date.now();
      const logId = crypto.randomUUID();
      // A learning step shorter than a day comes back in this session: put it back at once, as
      // the previews say, and take the card the server stored when its answer comes.
      const outcome = current.previews?.[rating];
      const putBack = outcome !== undefined && comesBackInSession(outcome);
      setQueue((q) => {
        const rest = q.filter((_, i) => i !== currentIndex);
        if (!putBack) return rest;
        const card = { due: at + outcome.inMs, state: outcome.state, reps: (current.card?.reps ?? 0) + 1 };
        return [...rest, { view: current.view, card, previews: null, requeued: true, from: logId }];
      });
      setHistory((h) => [...h, { logId, entry: current }]);
      setDone((d) => d + 1);
      setNow(at);
      setRevealed(false);
      setChosen(null);
      void send(
        '/api/reviews',
        {
          method: 'POST',
          body: JSON.stringify({
            id: logId,
            itemId: current.view.itemId,
            ...(answer === undefined ? { rating } : { answer, shownOrder: current.view.order }),
            durationMs: Math.min(Date.now() - shownAt.current, 86_400_000),
          }),
        },
        [409],
        async (res) => {
          // 409: a retry of a grade that landed; the card keeps the state the previews gave it.
          if (res.status !== 201 || current.view.kind !== 'card') return;
          const body = (await res.json().catch(() => null)) as GradeAnswer | null;
          if (body?.card) saved(logId, current.view, putBack, body);
        },
      );
    },
    [current, currentIndex, revealed, fatal, send, saved],
  );

  const undo = useCallback(() => {
    const last = history[history.length - 1];
    if (!last || fatal) return;
    undone.current.add(last.logId);
    setHistory((h) => h.slice(0, -1));
    // An item is in the queue at most once: drop its requeued copy and put it back in front as it was.
    setQueue((q) => [last.entry, ...q.filter((e) => e.view.itemId !== last.entry.view.itemId)]);
    setDone((d) => d - 1);
    setNow(Date.now());
    setChosen(null);
    setRevealed(last.entry.view.kind !== 'question');
    void send(`/api/reviews/${last.logId}`, { method: 'DELETE' }, []);
  }, [history, fatal, send]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        undo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const isQuestion = current?.view.kind === 'question';
      if (isQuestion) {
        const order = displayOrder;
        const pick = Number(e.key) - 1;
        if (!revealed && pick >= 0 && pick < order.length) {
          e.preventDefault();
          choose(order[pick]!);
        } else if (revealed && chosen !== null && (e.key === ' ' || e.key === 'Enter')) {
          if (e.key === 'Enter' && target && (target.tagName === 'A' || target.tagName === 'BUTTON')) return;
          e.preventDefault();
          grade(questionRating!, chosen);
        }
        return;
      }
      if (!revealed && (e.key === ' ' || e.key === 'Enter')) {
        // Let Enter activate a focused link or button other than ours.
        if (e.key === 'Enter' && target && (target.tagName === 'A' || (target.tagName === 'BUTTON' && !target.dataset.reveal))) return;
        e.preventDefault();
        reveal();
        return;
      }
      if (revealed && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault();
        grade(Number(e.key) as Grade);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [revealed, grade, undo, reveal, current, displayOrder, choose, chosen, questionRating]);

  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    cardRef.current?.focus({ preventScroll: true });
  }, [current?.view.itemId, revealed]);

  const status = fatal ? (
    <p className="alert alert-error" role="alert">
      {fatal}
    </p>
  ) : retrying ? (
    <p className="alert alert-info" role="status">
      Saving is taking longer than usual; retrying…
    </p>
  ) : null;

  if (!current && pending.length > 0) {
    return (
      <div className="review-wrap">
        {status}
        <p className="muted" role="status" style={{ textAlign: 'center', padding: '2.5rem 1.5rem' }}>
          Loading the next cards…
        </p>
      </div>
    );
  }

  if (!current) {
    return (
      <div className="review-wrap">
        {status}
        <div className="panel" style={{ textAlign: 'center', padding: '2.5rem 1.5rem' }}>
          <h1>{done > 0 ? 'All done for now' : 'Nothing to review right now'}</h1>
          <p className="muted" data-testid="review-summary">
            {done > 0
              ? `You reviewed ${done} card${done === 1 ? '' : 's'} this session${saving ? ' (saving…)' : ''}.`
              : reviewsToday > 0
                ? `You have done ${reviewsToday} review${reviewsToday === 1 ? '' : 's'} today. Come back tomorrow.`
                : 'Read a lesson and mark it as read: its cards will show up here.'}
          </p>
          <div className="review-next" data-testid="review-next">
            <p className="muted">{next.context}</p>
            <Link href={next.href} className="btn btn-primary">
              {next.label}
            </Link>
          </div>
          <div className="row" style={{ justifyContent: 'center' }}>
            {history.length > 0 && (
              <button type="button" className="btn" onClick={undo}>
                Undo last <span className="kbd">Ctrl+Z</span>
              </button>
            )}
            <Link href="/dashboard" className="btn">
              Back to today
            </Link>
          </div>
        </div>
      </div>
    );
  }

  const isNew = !current.card || current.card.state === State.New;
  return (
    <div className="review-wrap">
      <h1 className="sr-only">Review</h1>
      {status}
      <div className="review-head">
        <ul className="review-counts" aria-label="Left in this session">
          <li className="count-new">
            <span className="count-n">{counts.fresh}</span> <span className="count-label">New</span>
          </li>
          <li className="count-learning">
            <span className="count-n">{counts.learning}</span> <span className="count-label">Learning</span>
          </li>
          <li className="count-review">
            <span className="count-n">{counts.review}</span> <span className="count-label">Due</span>
          </li>
        </ul>
        <SessionProgress done={done} total={sessionTotal} />
      </div>
      <div
        className="flashcard"
        ref={cardRef}
        tabIndex={-1}
        aria-live="polite"
        data-testid="flashcard"
        data-item-id={current.view.itemId}
      >
        <div className="flashcard-topic">
          <Link href={current.view.topicHref}>{current.view.topicTitle}</Link>
          {isNew && <span className="badge badge-star" style={{ marginLeft: '0.5rem' }}>New</span>}
        </div>
        <div className="flashcard-front" dangerouslySetInnerHTML={{ __html: current.view.frontHtml }} />
        {current.view.kind === 'question' && (
          <ul className="options" aria-label="Options">
            {displayOrder.map((o, pos) => {
              const opt = current.view.options[o]!;
              const state = !revealed ? 'open' : opt.correct ? 'correct' : chosen === o ? 'wrong' : 'other';
              return (
                <li key={o}>
                  <button
                    type="button"
                    className={`option option-button option-${state}`}
                    disabled={revealed}
                    onClick={() => choose(o)}
                    data-testid={`review-option-${pos}`}
                  >
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
        {revealed && current.view.kind === 'card' && (
          <div className="flashcard-back" data-testid="answer" dangerouslySetInnerHTML={{ __html: current.view.backHtml }} />
        )}
      </div>
      {current.view.kind === 'question' ? (
        revealed && questionRating !== null ? (
          <div className="row spread" style={{ marginTop: '1rem' }}>
            <p role="status" className={`alert ${questionRating === 3 ? 'alert-success' : 'alert-error'}`} style={{ margin: 0 }} data-testid="answer">
              {questionRating === 3 ? 'Correct' : 'Not quite'}: graded {GRADE_LABELS[questionRating]}
              {previews ? `, next in ${previews[questionRating].label}` : ''}.
            </p>
            <button type="button" className="btn btn-primary" onClick={() => grade(questionRating, chosen!)}>
              Continue <span className="kbd" style={{ color: 'inherit' }}>Enter</span>
            </button>
          </div>
        ) : (
          <p className="muted" style={{ marginTop: '1rem', textAlign: 'center' }}>
            Choose an answer<span className="key-hint"> (keys 1-{current.view.options.length})</span>.
          </p>
        )
      ) : !revealed ? (
        <button
          type="button"
          className="btn btn-primary"
          data-reveal="true"
          style={{ width: '100%', marginTop: '1rem', minHeight: '3.5rem' }}
          onClick={reveal}
        >
          Show answer <span className="kbd" style={{ color: 'inherit' }}>Space</span>
        </button>
      ) : (
        <div className="grades" role="group" aria-label="How well did you remember?">
          {GRADES.map((g) => (
            <button
              key={g}
              type="button"
              className={`grade ${GRADE_CLASS[g]}`}
              onClick={() => grade(g)}
              aria-keyshortcuts={String(g)}
            >
              {/* The name is the visible text ("Good, next in 10m"): no aria-label to drift from it. */}
              <span className="grade-label">
                {GRADE_LABELS[g]}
                {previews && <span className="sr-only">: next in</span>}
              </span>
              <span className="grade-interval">{previews?.[g].label}</span>
              <span className="kbd" aria-hidden="true">{g}</span>
            </button>
          ))}
        </div>
      )}
      <div className="review-toolbar">
        <button type="button" className="btn btn-small" onClick={undo} disabled={history.length === 0}>
          Undo <span className="kbd">Ctrl+Z</span>
        </button>
        <span className="muted" style={{ fontSize: '0.9rem' }} role="status">
          {done} of {sessionTotal} done{saving > 0 ? ' · saving…' : ''}
        </span>
      </div>
    </div>
  );
}
