import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { listFinishedAttempts } from '@/lib/db/quiz';
import { TrendChart } from '@/app/_components/TrendChart';
import { learnerDateTime } from '@/lib/study/dates';
import { cramHistory } from '@/lib/study/cram';
import { attemptTitle } from '@/lib/study/quiz';

export const metadata: Metadata = { title: 'Quiz history' };

export default async function HistoryPage() {
  const user = await requireUser('/quiz/history');
  const library = getLibrary();
  const attempts = await listFinishedAttempts(db(), user.id);
  const interviews = attempts.filter((a) => a.kind === 'interview' && a.sourceId !== 'selector').reverse();
  const pct = (a: { score: number | null; total: number }) => Math.round((100 * (a.score ?? 0)) / Math.max(1, a.total));
  const fmt = await learnerDateTime(db(), user.id);
  const cram = await cramHistory(db(), user.id, new Date());

  return (
    <div className="stack">
      <p className="muted" style={{ marginBottom: 0 }}>
        <Link href="/quiz">← Quizzes</Link>
      </p>
      <h1>Quiz history</h1>
      {attempts.length === 0 ? (
        <p className="muted">
          No finished quizzes yet. Try <Link href="/quiz/pattern-quiz">the Pattern Quiz</Link> or{' '}
          <Link href="/quiz/interview">an interview mock</Link>.
        </p>
      ) : (
        <>
          {interviews.length > 0 && (
            <section className="panel" aria-labelledby="trend">
              <h2 id="trend" style={{ marginTop: 0 }}>
                Interview trend
              </h2>
              <TrendChart
                label={`Interview scores, oldest to newest: ${interviews.map((a) => `${pct(a)}%`).join(', ')}`}
                points={interviews.map((a) => ({ x: fmt(a.startedAt), y: pct(a) }))}
              />
            </section>
          )}
          <div className="table-wrap prose">
            <table>
              <caption className="sr-only">Finished quizzes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Quiz</th>
                  <th scope="col">Score</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id} data-testid="history-row">
                    <td>{fmt(a.startedAt)}</td>
                    <td>
                      <Link href={`/quiz/attempts/${a.id}`}>{attemptTitle(library, a)}</Link>
                    </td>
                    <td>
                      {a.score} / {a.total} ({pct(a)}%)
                    </td>
                    <td>
                      <span className={`result-pill ${a.passed ? 'is-pass' : 'is-fail'}`}>{a.passed ? '✓ Passed' : 'Not passed'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <section className="panel" aria-labelledby="cram" data-testid="cram-history">
        <h2 id="cram" style={{ marginTop: 0 }}>
          Cram practice, last 30 days
        </h2>
        {cram.rows.length === 0 ? (
          <p className="muted" style={{ marginBottom: 0 }}>
            No cram sessions yet. <Link href="/review/cram">Cram</Link> a path, a category or some patterns before an interview: it does not change your
            schedule.
          </p>
        ) : (
          <>
            <p className="muted">Counted apart from reviews and quizzes: cramming changes no schedule and does not train your parameters.</p>
            <div className="table-wrap prose">
              <table>
                <caption className="sr-only">Cram answers per day, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Answers</th>
                    <th scope="col">Remembered</th>
                    <th scope="col">Cards and questions</th>
                  </tr>
                </thead>
                <tbody>
                  {cram.rows.map((r) => (
                    <tr key={r.day} data-testid="cram-row">
                      <td>{r.day}</td>
                      <td>{r.answers}</td>
                      <td>
                        {r.recalled} ({Math.round((100 * r.recalled) / r.answers)}%)
                      </td>
                      <td>{r.items}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
