/** Small accessible SVG charts: each has a role=img label and a table or list as its text alternative. */

export function Heatmap({ days, today }: { days: { day: string; count: number }[]; today: string }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const level = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((4 * n) / max)));
  // Columns are weeks, rows are weekdays (Monday first), like a contributions calendar.
  const first = new Date(`${days[0]!.day}T00:00:00Z`);
  const offset = (first.getUTCDay() + 6) % 7;
  const cell = 11;
  const gap = 2;
  const weeks = Math.ceil((days.length + offset) / 7);
  const total = days.reduce((s, d) => s + d.count, 0);
  const active = days.filter((d) => d.count > 0);
  const todayCount = days.find((d) => d.day === today)?.count ?? 0;
  return (
    <figure style={{ margin: 0 }}>
      {/* Right-to-left scrolling starts the view at today on narrow screens. */}
      <div style={{ overflowX: 'auto', direction: 'rtl', textAlign: 'left' }} tabIndex={0} role="region" aria-label="Review calendar, scrollable">
        <svg
          style={{ direction: 'ltr' }}
          width={weeks * (cell + gap)}
          height={7 * (cell + gap)}
          role="img"
          aria-label={`Reviews per day over the past year: ${total} reviews on ${active.length} days; ${todayCount} today.`}
          data-testid="heatmap"
        >
          {days.map((d, i) => {
            const pos = i + offset;
            return (
              <rect
                key={d.day}
                x={Math.floor(pos / 7) * (cell + gap)}
                y={(pos % 7) * (cell + gap)}
                width={cell}
                height={cell}
                rx={2}
                className={`heat heat-${level(d.count)}`}
                data-day={d.day}
                data-count={d.count}
              >
                <title>{`${d.day}: ${d.count} review${d.count === 1 ? '' : 's'}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="muted" style={{ fontSize: '0.85rem' }}>
        {total} review{total === 1 ? '' : 's'} on {active.length} day{active.length === 1 ? '' : 's'} in the past year · today {todayCount}
      </figcaption>
    </figure>
  );
}

export function BarChart({
  data,
  label,
  unit,
  testId,
}: {
  data: { key: string; label: string; value: number }[];
  label: string;
  unit: string;
  testId?: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const w = 600;
  const h = 140;
  const bw = w / data.length;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${w} ${h + 18}`} width="100%" role="img" aria-label={label} data-testid={testId} style={{ display: 'block' }}>
        <line x1={0} x2={w} y1={h} y2={h} stroke="var(--border)" />
        {data.map((d, i) => {
          const bh = (h - 14) * (d.value / max);
          return (
            <g key={d.key}>
              <rect x={i * bw + 1} y={h - bh} width={Math.max(1, bw - 2)} height={bh} fill="var(--accent)" rx={2} data-key={d.key} data-value={d.value}>
                <title>{`${d.label}: ${d.value} ${unit}`}</title>
              </rect>
              {(i % 7 === 0 || (i === data.length - 1 && i % 7 >= 4)) && (
                <text x={i * bw + bw / 2} y={h + 14} fontSize="11" textAnchor="middle" fill="var(--muted)">
                  {d.label}
                </text>
              )}
            </g>
          );
        })}
        <text x={4} y={12} fontSize="11" fill="var(--muted)">
          max {max}
        </text>
      </svg>
      <details>
        <summary className="muted" style={{ fontSize: '0.85rem' }}>
          As a table
        </summary>
        <div className="table-wrap prose">
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">{unit}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.key}>
                  <td>{d.key}</td>
                  <td>{d.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export function HBars({ rows, label }: { rows: { label: string; value: number; text: string }[]; label: string }) {
  return (
    <ul className="meta-list" aria-label={label}>
      {rows.map((r) => (
        <li key={r.label} style={{ display: 'grid', gridTemplateColumns: 'minmax(8rem, 1fr) 2fr auto', gap: '0.5rem', alignItems: 'center' }}>
          <span>{r.label}</span>
          <span className="progress" aria-hidden="true">
            <span style={{ width: `${Math.round(100 * r.value)}%` }} />
          </span>
          <span className="muted" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {r.text}
          </span>
        </li>
      ))}
    </ul>
  );
}
