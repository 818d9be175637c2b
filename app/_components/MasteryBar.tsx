/** A small labelled bar for a 0-1 mastery value; the number is always in the text. */
export function MasteryBar({ value, label }: { value: number; label?: string }) {
  const pct = Math.round(value * 100);
  return (
    <span className="mastery" title={`Mastery ${pct}%: mean recall probability of the cards now`}>
      <span className="progress" aria-hidden="true" style={{ width: '5rem', display: 'inline-block', verticalAlign: 'middle' }}>
        <span style={{ width: `${pct}%` }} />
      </span>{' '}
      <span className="muted" style={{ fontSize: '0.85rem' }}>
        {label ?? 'Mastery'} {pct}%
      </span>
    </span>
  );
}
