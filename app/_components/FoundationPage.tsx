import Link from 'next/link';
import type { Topic } from '@/lib/content';
import { LessonView, TopicLinks } from './LessonView';
import { LevelBadge } from './LevelBadge';
import { MarkReadButton } from './MarkReadButton';
import { QuizStatus } from './QuizStatus';
import { LessonEnd } from './LessonEnd';
import type { FoundationKind, ListedPattern } from '@/lib/study/foundation-view';

function Ol({ ordered, children }: { ordered: boolean; children: React.ReactNode }) {
  const props = { className: 'pattern-list', style: { marginTop: '1rem' } };
  return ordered ? <ol {...props}>{children}</ol> : <ul {...props}>{children}</ul>;
}

/** What each kind of page calls its list of patterns, and its siblings. */
const LABELS = {
  law: { list: 'Patterns that answer it', siblings: 'The seven laws', empty: 'No lesson names it yet.' },
  pillar: { list: 'Patterns that answer it', siblings: 'The five pillars', empty: 'No lesson names it yet.' },
  'case-study': { list: 'The patterns at work', siblings: 'Case studies', empty: '' },
  domain: { list: 'Its patterns, in the order to learn them', siblings: 'Domains', empty: '' },
} as const;

/**
 * A law, pillar, case study or domain page: the text, then the patterns it names. A pattern
 * without a lesson yet is listed with its catalog line and no link.
 */
export function FoundationPage({
  kind,
  topic,
  eyebrow,
  sections,
  introHtml,
  hasDiagram,
  patterns,
  readAt,
  siblings,
  quizResult,
  next,
}: {
  kind: FoundationKind;
  topic: Topic;
  eyebrow: string;
  sections: { id: string; title: string; html: string }[];
  introHtml: string;
  hasDiagram: boolean;
  patterns: ListedPattern[];
  readAt: string | null;
  siblings: { href: string; label: string }[];
  quizResult: { best: number; total: number; passed: boolean } | undefined;
  next: { label: string; href: string; context: string } | null;
}) {
  const quiz = { href: `${topic.href}/quiz`, questionCount: topic.questions.length, result: quizResult };
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
          <h2 id="answers">{LABELS[kind].list}</h2>
          {patterns.length === 0 ? (
            <p className="muted">{LABELS[kind].empty}</p>
          ) : (
            <Ol ordered={kind === 'domain'}>
              {patterns.map((p) => (
                <li key={p.slug} className={`pattern-item${p.href ? '' : ' unwritten'}`}>
                  <h3>{p.href ? <Link href={p.href}>{p.title}</Link> : p.title}</h3>
                  <p>{p.summary}</p>
                  {p.level && (
                    <div className="row">
                      <LevelBadge level={p.level} />
                    </div>
                  )}
                </li>
              ))}
            </Ol>
          )}
          {topic.caseStudy && (
            <>
              <h2 id="sources">Sources</h2>
              <ul data-testid="sources">
                {topic.caseStudy.sources.map((src) => (
                  <li key={src.url}>
                    <a href={src.url} rel="noopener noreferrer" target="_blank">
                      {src.title}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      }
      end={<LessonEnd topicId={topic.id} readAt={readAt} cardCount={topic.cards.length} quiz={quiz} next={next} />}
      aside={
        <>
          <div className="aside-actions">
            <MarkReadButton topicId={topic.id} readAt={readAt} cardCount={topic.cards.length} />
            <QuizStatus {...quiz} />
          </div>
          <TopicLinks title={LABELS[kind].siblings} items={siblings} />
        </>
      }
    />
  );
}
