import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { CircleCheck, Target, Trophy } from 'lucide-react';
import { getLibrary, type TopicQuestion } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { getAttempt } from '@/lib/db/quiz';
import { bandFor } from '@/lib/quiz/grade';
import { attemptTitle, passRatioFor, questionLesson, settleExpired } from '@/lib/study/quiz';
import { StartQuizButton } from '@/app/_components/StartQuizButton';
import { QuizRunner, type RunnerAnswer, type RunnerQuestion } from './QuizRunner';

export const metadata: Metadata = { title: 'Quiz' };

const params = z.object({ id: z.uuid() });

export default async function AttemptPage({ params: p }: { params: Promise<{ id: string }> }) {
  const raw = await p;
  const user = await requireUser(`/quiz/attempts/${raw.id}`);
  const parsed = params.safeParse(raw);
  if (!parsed.success) notFound();
  const library = getLibrary();
  const found = await getAttempt(db(), user.id, parsed.data.id);
  if (!found) notFound();
  const now = new Date();
  const attempt = await settleExpired(db(), library, found, now);
  const title = attemptTitle(library, attempt);
  const byQuestion = new Map(attempt.answers.map((a) => [a.questionId, a]));

  const view = attempt.questionIds.map((id, i) => {
    const entry = library.items.get(id);
    const q = entry?.question;
    const order = attempt.optionOrders[i]!;
    return { id, entry, q, order };
  });

  if (!attempt.finishedAt) {
    const questions: RunnerQuestion[] = view.map(({ id, entry, q, order }) => ({
      id,
      promptHtml: q ? renderInline(q.prompt) : 'This question was removed from the library.',
      optionsHtml: q ? order.map((o) => renderInline(q.options[o]!.text)) : [],
      topicTitle: questionLesson(library, entry)?.title ?? '',
      topicHref: questionLesson(library, entry)?.href ?? '/patterns',
    }));
    const answers: Record<string, RunnerAnswer> = {};
    for (const { id, q, order } of view) {
      const a = byQuestion.get(id);
      if (!a || !q) continue;
      const position = order.indexOf(a.chosenOption);
      answers[id] = attempt.immediateFeedback
        ? {
            position,
            correct: a.correct,
            correctPosition: order.findIndex((o) => q.options[o]?.correct),
            whysHtml: order.map((o) => renderInline(q.options[o]!.why)),
          }
        : { position, correct: null, correctPosition: null, whysHtml: null };
    }
    return (
      <QuizRunner
        attemptId={attempt.id}
        title={title}
        questions={questions}
        initialAnswers={answers}
        immediateFeedback={attempt.immediateFeedback}
        deadline={attempt.deadlineAt?.getTime() ?? null}
        serverNow={now.getTime()}
      />
    );
  }

  const score = attempt.score ?? 0;
  const percent = Math.round((100 * score) / Math.max(1, attempt.total));
  const passMark = Math.round(passRatioFor(library, attempt) * 100);
  const passed = Boolean(attempt.passed);
  const collection = attempt.kind === 'collection' ? library.collections.find((c) => c.id === attempt.sourceId) : undefined;
  const band = collection ? bandFor(collection.bands, score) : undefined;
  const missedTopics = new Map<string, { href: string; title: string }>();
  for (const { id, entry, q } of view) {
    if (byQuestion.get(id)?.correct) continue;
    for (const slug of q?.patterns.length ? q.patterns : entry ? [entry.topic.id] : []) {
      const t = library.topics.get(slug);
      if (t) missedTopics.set(t.id, { href: t.href, title: t.title });
    }
  }
  const usedMs = attempt.finishedAt.getTime() - attempt.startedAt.getTime();
  const timedOut = Boolean(attempt.deadlineAt && attempt.finishedAt.getTime() >= attempt.deadlineAt.getTime());
  const items = view.flatMap(({ id, entry, q, order }, i) => (q ? [{ id, q, order, n: i + 1, answer: byQuestion.get(id), lesson: questionLesson(library, entry) }] : []));
  const missed = items.filter((it) => !it.answer?.correct);
  const right = items.filter((it) => it.answer?.correct);

  return (
    <div className="narrow stack quiz-result" style={{ margin: '0 auto' }}>
      <section className={`panel result-summary ${passed ? 'is-pass' : 'is-fail'}`} aria-labelledby="quiz-score" data-testid="result-summary">
        <p className="muted result-title">{title}</p>
        <div className="result-head">
          <span className={`result-badge${passed ? ' celebrate' : ''}`} aria-hidden="true">
            {passed ? <Trophy size={28} /> : <Target size={28} />}
            {passed && (
              <span className="confetti">
                {Array.from({ length: 8 }, (_, k) => (
                  <i key={k} />
                ))}
              </span>
            )}
          </span>
          <div>
            <h1 id="quiz-score" data-testid="quiz-score">
              {score} of {attempt.total} correct ({percent}%)
            </h1>
            <p className="result-verdict" data-testid="quiz-verdict">
              {passed ? (
                <>
                  <CircleCheck aria-hidden="true" size={18} /> Passed: {passMark}% or more.
                </>
              ) : (
                <>Not passed yet: {passMark}% passes.</>
              )}
            </p>
          </div>
        </div>
        <div className="score-bar" aria-hidden="true">
          <span className="score-fill" style={{ width: `${percent}%` }} />
          <span className="score-mark" style={{ left: `${passMark}%` }} />
        </div>
        {attempt.kind === 'interview' && (
          <p className="muted" style={{ margin: 0 }} data-testid="interview-time">
            {attempt.answers.length} of {attempt.total} answered in {Math.floor(usedMs / 60000)}m {Math.round((usedMs % 60000) / 1000)}s
            {timedOut ? ' (time ran out)' : ''}.
          </p>
        )}
        {band && (
          <div className="result-band" data-testid="quiz-band">
            <h2>{band.title}</h2>
            <p>{band.message}</p>
          </div>
        )}
        <div className="row">
          {attempt.kind !== 'interview' && attempt.sourceId && (
            <StartQuizButton kind={attempt.kind} sourceId={attempt.sourceId} label="Take it again" primary={!passed} />
          )}
          {attempt.kind === 'interview' && attempt.sourceId === 'selector' && (
            <Link className="btn btn-primary" href="/tools/selector">
              Pattern Selector
            </Link>
          )}
          {attempt.kind === 'interview' && attempt.sourceId !== 'selector' && (
            <Link className="btn btn-primary" href="/quiz/interview">
              New interview
            </Link>
          )}
          <Link className={`btn${passed && attempt.kind !== 'interview' ? ' btn-primary' : ''}`} href="/review">
            Review cards
          </Link>
          <Link className="btn" href="/quiz/history">
            Quiz history
          </Link>
        </div>
      </section>
      {missedTopics.size > 0 && (
        <section className="panel" aria-labelledby="study-next">
          <h2 id="study-next" style={{ marginTop: 0 }}>
            Study next
          </h2>
          <p className="muted">The lessons behind the questions you missed. Their flashcards are already in today&apos;s review.</p>
          <ul className="chips">
            {[...missedTopics.values()].map((t) => (
              <li key={t.href}>
                <Link className="study-chip" href={t.href}>
                  {t.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {missed.length > 0 && (
        <section aria-labelledby="missed-heading">
          <h2 id="missed-heading">
            {missed.length === 1 ? 'The question you missed' : `The ${missed.length} questions you missed`}
          </h2>
          <ol className="result-list" data-testid="missed-list">
            {missed.map((it) => (
              <ResultItem key={it.id} {...it} />
            ))}
          </ol>
        </section>
      )}
      {right.length > 0 && (
        <details className="result-right">
          <summary>
            {right.length === 1 ? 'The question you got right' : `The ${right.length} questions you got right`}
          </summary>
          <ol className="result-list" data-testid="right-list">
            {right.map((it) => (
              <ResultItem key={it.id} {...it} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

/** One question of a finished attempt: the prompt, every option with why, and the lesson that teaches it. */
function ResultItem({
  n,
  q,
  order,
  answer,
  lesson,
}: {
  n: number;
  q: TopicQuestion;
  order: number[];
  answer: { chosenOption: number; correct: boolean } | undefined;
  lesson: { title: string; href: string } | null;
}) {
  return (
    <li className={`panel result-item ${answer?.correct ? 'is-right' : 'is-wrong'}`} data-testid="result-item">
      <p className="result-item-meta">
        <span>Question {n}</span>
        <span className={answer ? (answer.correct ? 'result-right-tag' : 'result-wrong-tag') : 'muted'}>
          {answer ? (answer.correct ? '✓ right' : '✗ wrong') : '— not answered'}
        </span>
      </p>
      <p style={{ fontWeight: 600 }} dangerouslySetInnerHTML={{ __html: renderInline(q.prompt) }} />
      <ul className="options">
        {order.map((o, pos) => {
          const opt = q.options[o]!;
          const chosen = answer?.chosenOption === o;
          const cls = opt.correct ? 'option-correct' : chosen ? 'option-wrong' : '';
          return (
            <li key={pos} className={`option ${cls}`}>
              <span dangerouslySetInnerHTML={{ __html: renderInline(opt.text) }} />
              {(opt.correct || chosen) && (
                <span className="option-why">
                  <strong>{opt.correct ? (chosen ? 'Your answer, right: ' : 'Right answer: ') : 'Your answer: '}</strong>
                  <span dangerouslySetInnerHTML={{ __html: renderInline(opt.why) }} />
                </span>
              )}
              {!opt.correct && !chosen && <span className="option-why" dangerouslySetInnerHTML={{ __html: renderInline(opt.why) }} />}
            </li>
          );
        })}
      </ul>
      {lesson && (
        <p className="result-lesson">
          Learn it in <Link href={lesson.href}>{lesson.title}</Link>
        </p>
      )}
    </li>
  );
}
