import Link from 'next/link';

/** The lesson's quiz in the aside: passed or not, best score, and the way in. */
export function QuizStatus({
  href,
  questionCount,
  result,
}: {
  href: string;
  questionCount: number;
  result: { best: number; total: number; passed: boolean } | undefined;
}) {
  if (questionCount === 0) return null;
  return (
    <div className="panel" data-testid="quiz-status">
      <h2 style={{ fontSize: '1rem', margin: '0 0 0.4rem' }}>Quiz</h2>
      {result ? (
        <p style={{ margin: '0 0 0.75rem', color: result.passed ? 'var(--good)' : undefined, fontWeight: result.passed ? 600 : 400 }}>
          {result.passed ? '✓ Quiz passed' : 'Not passed yet'} · best {result.best} of {result.total}
        </p>
      ) : (
        <p className="muted" style={{ margin: '0 0 0.75rem' }}>
          {questionCount} questions. 80% passes.
        </p>
      )}
      <Link className="btn btn-small" href={href}>
        {result ? 'Take the quiz again' : 'Take the quiz'}
      </Link>
    </div>
  );
}
