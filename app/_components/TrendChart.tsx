/** A small accessible line chart of percentages; the table beside it is its text alternative. */
export function TrendChart({ points, label }: { points: { x: string; y: number }[]; label: string }) {
  if (points.length === 0) return null;
  const w = 600;
  const h = 160;
  const pad = 28;
  const step = points.length > 1 ? (w - 2 * pad) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [pad + i * step, h - pad - ((h - 2 * pad) * p.y) / 100] as const);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={label} style={{ maxWidth: w, display: 'block' }}>
        {[0, 50, 80, 100].map((y) => {
          const yy = h - pad - ((h - 2 * pad) * y) / 100;
          return (
            <g key={y}>
              <line x1={pad} x2={w - pad} y1={yy} y2={yy} stroke="var(--border)" strokeDasharray={y === 80 ? '4 4' : undefined} />
              <text x={4} y={yy + 4} fontSize="11" fill="var(--muted)">
                {y}%
              </text>
            </g>
          );
        })}
        <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke="var(--accent)" strokeWidth="2.5" />
        {xy.map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r="4" fill="var(--accent)" />
        ))}
      </svg>
      <figcaption className="muted" style={{ fontSize: '0.85rem' }}>
        {label}. The dashed line is the 80% pass mark.
      </figcaption>
    </figure>
  );
}
