import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary, renderCached } from '@/lib/content';
import { db } from '@/lib/db/client';
import { quizResults } from '@/lib/db/quiz';
import { listCardStates, listLessonReads } from '@/lib/db/reviews';
import { StartQuizButton } from '@/app/_components/StartQuizButton';

export const metadata: Metadata = { title: 'Contrast drills' };

/**
 * Patterns that get confused, set apart: the one question that tells them apart, and
 * scenario drills. A contrast's questions join the learner's reviews once every lesson in it
 * is read; until then they can still be practised here as a quiz.
 */
export default async function ContrastsPage() {
  const user = await requireUser('/practice/contrasts');
  const library = getLibrary();
  const read = new Set((await listLessonReads(db(), user.id)).map((r) => r.topicId));
  const started = new Set((await listCardStates(db(), user.id)).map((r) => r.itemId));
  const results = await quizResults(db(), user.id);
  return (
    <div className="stack">
      <div>
        <h1 style={{ marginBottom: 0 }}>Contrast drills</h1>
        <p className="muted">
          Patterns that are easy to mix up, and the one question that tells them apart. Once you have read every lesson in a contrast, its
          scenario questions join your reviews, mixed in with the rest.
        </p>
      </div>
      {library.contrasts.map((c) => {
        const lessons = c.patterns.map((p) => library.topics.get(p)!);
        const unlocked = c.patterns.every((p) => read.has(p));
        const inReviews = c.topic.questions.filter((q) => started.has(q.id)).length;
        const best = results.get(c.topic.id);
        return (
          <section key={c.id} id={c.id} className="panel stack contrast" aria-labelledby={`h-${c.id}`} data-testid={`contrast-${c.id}`}>
            <h2 id={`h-${c.id}`} style={{ margin: 0 }}>
              {c.title}
            </h2>
            <ul className="chips" aria-label="Patterns">
              {lessons.map((t) => (
                <li key={t.slug} className="chip" style={{ paddingRight: '0.7rem' }}>
                  <Link href={t.href}>{t.title}</Link>
                  {read.has(t.slug) && (
                    <span style={{ color: 'var(--good)' }}>
                      {' '}
                      <span aria-hidden="true">✓</span>
                      <span className="sr-only">(read)</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <p style={{ margin: 0 }}>
              <strong>The question that tells them apart:</strong> {c.tell}
            </p>
            <div className="prose" dangerouslySetInnerHTML={{ __html: renderCached(`${c.topic.id}#explanation`, c.explanation) }} />
            <p className="muted" style={{ margin: 0 }} data-testid={`contrast-status-${c.id}`}>
              {unlocked
                ? inReviews > 0
                  ? `In your reviews: ${inReviews} of ${c.topic.questions.length} questions started.`
                  : `In your reviews: its ${c.topic.questions.length} questions come up among your new cards.`
                : `Read ${lessons
                    .filter((t) => !read.has(t.slug))
                    .map((t) => t.title)
                    .join(' and ')} to add its ${c.topic.questions.length} questions to your reviews.`}
              {best ? ` Best practice score: ${best.best} of ${best.total}.` : ''}
            </p>
            <div>
              <StartQuizButton kind="topic" sourceId={c.topic.id} label="Practise now" />
            </div>
          </section>
        );
      })}
    </div>
  );
}
