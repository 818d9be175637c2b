import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { quizResults } from '@/lib/db/quiz';

export const metadata: Metadata = { title: 'Quizzes' };

export default async function QuizHub() {
  const user = await requireUser('/quiz');
  const library = getLibrary();
  const results = await quizResults(db(), user.id);
  const groups = [
    { id: 'topic-quizzes', title: 'Quiz by pattern', topics: [...library.patterns, ...library.laws, ...library.pillars] },
    { id: 'domain-quizzes', title: 'Quiz by domain', topics: library.domains },
    { id: 'case-quizzes', title: 'Quiz by case study', topics: library.caseStudies },
  ].map((g) => ({ ...g, topics: g.topics.filter((t) => t.questions.length > 0) }));
  return (
    <div className="stack">
      <h1>Quizzes</h1>
      <p className="muted">Every answer is a review: what you miss comes back in your flashcards tomorrow, or today.</p>
      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))' }}>
        {library.collections.map((c) => {
          const r = results.get(c.id);
          return (
            <div key={c.id} className="panel">
              <h2 style={{ marginTop: 0 }}>{c.title}</h2>
              <p className="muted">{c.description}</p>
              {r && (
                <p>
                  Best: {r.best} / {r.total}
                  {r.passed ? ' · passed ✓' : ''}
                </p>
              )}
              <Link className="btn btn-primary" href={c.topic.href}>
                {r ? 'Take it again' : 'Take the quiz'}
              </Link>
            </div>
          );
        })}
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Interview mode</h2>
          <p className="muted">A timed mock of 10, 20 or 30 scenario questions, with no feedback until the end.</p>
          <Link className="btn btn-primary" href="/quiz/interview">
            Set up an interview
          </Link>
        </div>
        {library.contrasts.length > 0 && (
          <div className="panel">
            <h2 style={{ marginTop: 0 }}>Contrast drills</h2>
            <p className="muted">Patterns that are easy to mix up, and the one question that tells them apart.</p>
            <Link className="btn" href="/practice/contrasts">
              Practise telling them apart
            </Link>
          </div>
        )}
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>History</h2>
          <p className="muted">Every finished quiz and your interview trend.</p>
          <Link className="btn" href="/quiz/history">
            See history
          </Link>
        </div>
      </div>
      {groups
        .filter((g) => g.topics.length > 0)
        .map((g) => (
          <section key={g.id} aria-labelledby={g.id}>
            <h2 id={g.id}>{g.title}</h2>
            <ul className="pattern-list">
              {g.topics.map((t) => {
                const r = results.get(t.id);
                return (
                  <li key={t.id} className={`pattern-item${r?.passed ? ' read' : ''}`}>
                    <h3>
                      <Link href={`${t.href}/quiz`}>{t.title}</Link>
                    </h3>
                    <p>
                      {t.questions.length} questions
                      {r ? ` · best ${Math.round((100 * r.best) / Math.max(1, r.total))}%${r.passed ? ' · passed ✓' : ''}` : ''}
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </div>
  );
}
