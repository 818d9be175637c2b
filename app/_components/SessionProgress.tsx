/** How far through a review or cram session the learner is: a labelled bar and "done of total". */
export function SessionProgress({ done, total, label = 'Session progress' }: { done: number; total: number; label?: string }) {
  const max = Math.max(total, done, 1);
  return (
    <div className="session-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} done`}
        data-testid="session-progress"
      >
        <span style={{ width: `${(100 * done) / max}%` }} />
      </div>
      <span className="session-progress-text" aria-hidden="true">
        {done} / {total}
      </span>
    </div>
  );
}
