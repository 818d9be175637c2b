import Link from 'next/link';
import { StartQuizButton } from './StartQuizButton';

/** The page before a topic's or a collection's quiz: what it is, your best result, start or resume. */
export function QuizLanding({
  kind,
  sourceId,
  title,
  backHref,
  backLabel,
  description,
  questionCount,
  best,
  open,
}: {
  kind: 'topic' | 'collection';
  sourceId: string;
  title: string;
  backHref: string;
  backLabel: string;
  description: string;
  questionCount: number;
  best: { best: number; total: number; passed: boolean } | undefined;
  open: { answered: number; total: number } | null;
}) {
  return (
    <div className="narrow" style={{ margin: '0 auto' }}>
      <p className="muted" style={{ marginBottom: '0.25rem' }}>
        <Link href={backHref}>← {backLabel}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lesson-summary">{description}</p>
      <div className="panel stack">
        <p style={{ margin: 0 }}>
          {questionCount} questions, one at a time. After each answer you see why every option is right or wrong. 80% or
          more passes. Every answer also schedules that question for review, and a miss brings its flashcards into today&apos;s
          review.
        </p>
        {best && (
          <p style={{ margin: 0 }} data-testid="best-result">
            Your best: {best.best} of {best.total} ({Math.round((100 * best.best) / Math.max(1, best.total))}%)
            {best.passed && (
              <>
                {' '}
                <span className="result-pill is-pass">✓ Passed</span>
              </>
            )}
          </p>
        )}
        <StartQuizButton
          kind={kind}
          sourceId={sourceId}
          label={open ? `Resume (${open.answered} of ${open.total} answered)` : best ? 'Take the quiz again' : 'Start the quiz'}
        />
      </div>
    </div>
  );
}
