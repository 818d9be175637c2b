import Link from 'next/link';
import { ArrowRight, BookCheck, CircleCheck, ListChecks, Route } from 'lucide-react';
import { MarkReadButton } from './MarkReadButton';

export interface LessonEndProps {
  topicId: string;
  readAt: string | null;
  cardCount: number;
  quiz: { href: string; questionCount: number; result: { best: number; total: number; passed: boolean } | undefined };
  /** The next step of the learner's path; null when the path's lessons are all read and quizzes passed. */
  next: { label: string; href: string; context: string } | null;
}

/** What every lesson ends with: mark it read, take its quiz, go on to the next step of the path. */
export function LessonEnd({ topicId, readAt, cardCount, quiz, next }: LessonEndProps) {
  const { result } = quiz;
  // Once the lesson is read and its quiz passed, going on is what is left to do.
  const goOn = Boolean(readAt) && (quiz.questionCount === 0 || Boolean(result?.passed));
  return (
    <section className="lesson-end" aria-labelledby="lesson-end-heading" data-testid="lesson-end">
      <h2 id="lesson-end-heading">Finished this lesson?</h2>
      <div className="lesson-end-grid">
        <MarkReadButton
          topicId={topicId}
          readAt={readAt}
          cardCount={cardCount}
          heading={
            <h3 className="lesson-end-title">
              <BookCheck aria-hidden="true" size={18} /> Remember it
            </h3>
          }
        />
        {quiz.questionCount > 0 && (
          <div className="panel lesson-end-item">
            <h3 className="lesson-end-title">
              <ListChecks aria-hidden="true" size={18} /> Check yourself
            </h3>
            {result ? (
              <p className={result.passed ? 'lesson-end-passed' : 'muted'}>
                {result.passed && <CircleCheck aria-hidden="true" size={16} />}
                {result.passed ? 'Quiz passed' : 'Not passed yet'} · best {result.best} of {result.total}
              </p>
            ) : (
              <p className="muted">
                {quiz.questionCount} questions, feedback after each. 80% passes.
              </p>
            )}
            <Link className={`btn${readAt && !result?.passed ? ' btn-primary' : ''}`} href={quiz.href}>
              {result ? 'Take the quiz again' : 'Take the quiz'}
            </Link>
          </div>
        )}
        <div className="panel lesson-end-item" data-testid="lesson-end-next">
          <h3 className="lesson-end-title">
            <Route aria-hidden="true" size={18} /> Next on your path
          </h3>
          {next ? (
            <>
              <p className="muted">{next.context}</p>
              <Link className={`btn${goOn ? ' btn-primary' : ''}`} href={next.href}>
                {next.label} <ArrowRight aria-hidden="true" size={16} />
              </Link>
            </>
          ) : (
            <>
              <p className="muted">Every lesson of your path is read and every quiz passed.</p>
              <Link className="btn" href="/paths">
                Choose another path <ArrowRight aria-hidden="true" size={16} />
              </Link>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
