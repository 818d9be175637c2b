import Link from 'next/link';
import type { Topic } from '@/lib/content';
import { LessonView, TopicLinks } from './LessonView';
import { LevelBadge } from './LevelBadge';
import { MarkReadButton } from './MarkReadButton';
import { QuizStatus } from './QuizStatus';

/** A law or pillar page: the text, then the patterns whose front matter names it. */
export function FoundationPage({
  topic,
  eyebrow,
  sections,
  introHtml,
  hasDiagram,
  patterns,
  readAt,
  siblings,
  quizResult,
}: {
  topic: Topic;
  eyebrow: string;
  sections: { id: string; title: string; html: string }[];
  introHtml: string;
  hasDiagram: boolean;
  patterns: Topic[];
  readAt: string | null;
  siblings: { href: string; label: string }[];
  quizResult: { best: number; total: number; passed: boolean } | undefined;
}) {
  return (
    <LessonView
      eyebrow={eyebrow}
      title={topic.title}
      summary={topic.summary}
      badges={<span className="badge">{topic.cards.length} cards</span>}
      introHtml={introHtml}
      sections={sections}
      stepped={false}
      hasDiagram={hasDiagram}
      footer={
        <section aria-labelledby="answers" className="prose">
          <h2 id="answers">Patterns that answer it</h2>
          {patterns.length === 0 ? (
            <p className="muted">No lesson names it yet.</p>
          ) : (
            <ul className="pattern-list" style={{ marginTop: '1rem' }}>
              {patterns.map((p) => (
                <li key={p.id} className="pattern-item">
                  <h3>
                    <Link href={p.href}>{p.title}</Link>
                  </h3>
                  <p>{p.summary}</p>
                  {p.meta && (
                    <div className="row">
                      <LevelBadge level={p.meta.level} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      }
      aside={
        <>
          <MarkReadButton topicId={topic.id} readAt={readAt} cardCount={topic.cards.length} />
          <QuizStatus href={`${topic.href}/quiz`} questionCount={topic.questions.length} result={quizResult} />
          <TopicLinks title={eyebrow.startsWith('Law') ? 'The seven laws' : 'The five pillars'} items={siblings} />
        </>
      }
    />
  );
}
