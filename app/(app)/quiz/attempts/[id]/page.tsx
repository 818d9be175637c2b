import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { getAttempt } from '@/lib/db/quiz';
import { bandFor } from '@/lib/quiz/grade';
import { attemptTitle, passRatioFor, settleExpired } from '@/lib/study/quiz';
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
  const found = getAttempt(db(), user.id, parsed.data.id);
  if (!found) notFound();
  const now = new Date();
  const attempt = settleExpired(db(), library, found, now);
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
      topicTitle: entry?.topic.title ?? '',
      topicHref: entry?.topic.href ?? '/patterns',
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

  return (
    <div className="narrow stack" style={{ margin: '0 auto' }}>
      <div>
        <p className="muted" style={{ marginBottom: '0.25rem' }}>
          {title}
        </p>
        <h1 data-testid="quiz-score">
          {score} of {attempt.total} correct ({percent}%)
        </h1>
        <p className={`alert ${attempt.passed ? 'alert-success' : 'alert-info'}`} data-testid="quiz-verdict">
          {attempt.passed
            ? `Passed: ${Math.round(passRatioFor(library, attempt) * 100)}% or more.`
            : `Not passed yet: ${Math.round(passRatioFor(library, attempt) * 100)}% passes.`}{' '}
          {attempt.kind === 'interview' &&
            `${attempt.answers.length} answered in ${Math.floor(usedMs / 60000)}m ${Math.round((usedMs % 60000) / 1000)}s${
              attempt.deadlineAt && attempt.finishedAt.getTime() >= attempt.deadlineAt.getTime() ? ' (time ran out)' : ''
            }.`}
        </p>
        {band && (
          <div className="panel" data-testid="quiz-band">
            <h2 style={{ marginTop: 0 }}>{band.title}</h2>
            <p style={{ marginBottom: 0 }}>{band.message}</p>
          </div>
        )}
      </div>
      {missedTopics.size > 0 && (
        <section className="panel" aria-labelledby="study-next">
          <h2 id="study-next" style={{ marginTop: 0 }}>
            Study next
          </h2>
          <p className="muted">The lessons behind the questions you missed. Their flashcards are already in today&apos;s review.</p>
          <ul className="meta-list">
            {[...missedTopics.values()].map((t) => (
              <li key={t.href}>
                <Link href={t.href}>{t.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="row">
        {attempt.kind !== 'interview' && attempt.sourceId && (
          <StartQuizButton kind={attempt.kind} sourceId={attempt.sourceId} label="Take it again" />
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
        <Link className="btn" href="/quiz/history">
          Quiz history
        </Link>
        <Link className="btn" href="/review">
          Review cards
        </Link>
      </div>
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">Every answer</h2>
        <ol className="result-list">
          {view.map(({ id, entry, q, order }, i) => {
            const a = byQuestion.get(id);
            if (!q) return null;
            return (
              <li key={id} className={`panel result-item ${a?.correct ? 'is-right' : 'is-wrong'}`} data-testid="result-item">
                <p className="muted" style={{ marginBottom: '0.25rem', fontSize: '0.9rem' }}>
                  {i + 1}. <Link href={entry!.topic.href}>{entry!.topic.title}</Link> ·{' '}
                  {a ? (a.correct ? '✓ right' : '✗ wrong') : '— not answered'}
                </p>
                <p style={{ fontWeight: 600 }} dangerouslySetInnerHTML={{ __html: renderInline(q.prompt) }} />
                <ul className="options">
                  {order.map((o, pos) => {
                    const opt = q.options[o]!;
                    const chosen = a?.chosenOption === o;
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
                        {!opt.correct && !chosen && (
                          <span className="option-why" dangerouslySetInnerHTML={{ __html: renderInline(opt.why) }} />
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
