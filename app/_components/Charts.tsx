/** Small accessible charts: each has a role=img label and a table or list as its text alternative. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "26 Nov": day first, month by name, so no reading of 11/26 can clip into 1/26 or flip day and month. */
export function shortDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
}

export function Heatmap({ days, today, emptyText }: { days: { day: string; count: number }[]; today: string; emptyText?: string }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const level = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((4 * n) / max)));
  // Columns are weeks, rows are weekdays (Monday first), like a contributions calendar.
  const first = new Date(`${days[0]!.day}T00:00:00Z`);
  const offset = (first.getUTCDay() + 6) % 7;
  const cell = 11;
  const gap = 2;
  const left = 0;
  const top = 16;
  const weeks = Math.ceil((days.length + offset) / 7);
  const total = days.reduce((s, d) => s + d.count, 0);
  const active = days.filter((d) => d.count > 0);
  const todayCount = days.find((d) => d.day === today)?.count ?? 0;
  // A month's name over the first week column that holds its 1st (and over the first column).
  const months: { x: number; name: string }[] = [];
  days.forEach((d, i) => {
    const col = Math.floor((i + offset) / 7);
    if (i === 0 || d.day.endsWith('-01')) {
      const x = left + col * (cell + gap);
      const last = months[months.length - 1];
      // Skip a label that would overlap the previous one (the first column's partial month).
      if (last && x - last.x < 26) months.pop();
      months.push({ x, name: MONTHS[Number(d.day.slice(5, 7)) - 1]! });
    }
  });
  const perLevel = [0, 1, 2, 3, 4].map((l) => {
    if (l === 0) return 'no reviews';
    const lo = Math.floor(((l - 1) * max) / 4) + 1;
    const hi = Math.ceil((l * max) / 4);
    return lo >= hi ? `${hi}` : `${lo}-${hi}`;
  });
  return (
    <figure style={{ margin: 0 }} className="heatmap">
      <div className="heatmap-frame">
        {/* Weekday names stay in view while the calendar scrolls. */}
        <div className="heatmap-weekdays" aria-hidden="true" style={{ paddingTop: top, gridTemplateRows: `repeat(7, ${cell + gap}px)` }}>
          {['Mon', '', 'Wed', '', 'Fri', '', ''].map((name, i) => (
            <span key={i} data-testid={name ? 'heatmap-weekday' : undefined}>
              {name}
            </span>
          ))}
        </div>
        {/* Right-to-left scrolling starts the view at today on narrow screens. */}
        <div style={{ overflowX: 'auto', direction: 'rtl', textAlign: 'left', minWidth: 0 }} tabIndex={0} role="region" aria-label="Review calendar, scrollable">
          <svg
            style={{ direction: 'ltr' }}
            width={left + weeks * (cell + gap)}
            height={top + 7 * (cell + gap)}
            role="img"
            aria-label={`Reviews per day over the past year: ${total} reviews on ${active.length} days; ${todayCount} today.`}
            data-testid="heatmap"
          >
            {months.map((m) => (
              <text key={`${m.x}-${m.name}`} x={m.x} y={11} fontSize="11" className="chart-text" data-testid="heatmap-month">
                {m.name}
              </text>
            ))}
            {days.map((d, i) => {
              const pos = i + offset;
              return (
                <rect
                  key={d.day}
                  x={left + Math.floor(pos / 7) * (cell + gap)}
                  y={top + (pos % 7) * (cell + gap)}
                  width={cell}
                  height={cell}
                  rx={2}
                  className={`heat heat-${level(d.count)}${d.day === today ? ' heat-today' : ''}`}
                  data-day={d.day}
                  data-count={d.count}
                >
                  <title>{`${shortDay(d.day)} ${d.day.slice(0, 4)}: ${d.count} review${d.count === 1 ? '' : 's'}`}</title>
                </rect>
              );
            })}
          </svg>
        </div>
      </div>
      <div className="heat-legend" data-testid="heatmap-legend">
        <span className="muted">Less</span>
        {perLevel.map((text, l) => (
          <span key={l} className="heat-swatch">
            <svg width="11" height="11" aria-hidden="true">
              <rect width="11" height="11" rx="2" className={`heat heat-${l}`} />
            </svg>
            <span className="sr-only">{`${text}${l === 0 ? '' : ` review${text === '1' ? '' : 's'} a day`}`}</span>
          </span>
        ))}
        <span className="muted">More</span>
      </div>
      <figcaption className="muted" style={{ fontSize: '0.85rem' }}>
        {total === 0
          ? (emptyText ?? 'No reviews in the past year yet: each day you review fills a square.')
          : `${total} review${total === 1 ? '' : 's'} on ${active.length} day${active.length === 1 ? '' : 's'} in the past year · today ${todayCount}`}
      </figcaption>
    </figure>
  );
}

/**
 * Bars per day. The bars are SVG stretched to the width; the labels are HTML, so they keep
 * their size on a phone and the first and last are anchored inside the chart, never clipped.
 */
export function BarChart({
  data,
  label,
  unit,
  testId,
  emptyText,
}: {
  data: { key: string; label: string; value: number }[];
  label: string;
  unit: string;
  testId?: string;
  /** Shown instead of the chart when every value is 0. */
  emptyText: string;
}) {
  const max = Math.max(0, ...data.map((d) => d.value));
  if (max === 0) {
    return (
      <p className="chart-empty muted" data-testid={testId ? `${testId}-empty` : undefined}>
        {emptyText}
      </p>
    );
  }
  const w = data.length * 10;
  const h = 100;
  const bw = 10;
  const labelled = data.map((d, i) => ({ d, i })).filter(({ i }) => i % 7 === 0 || i === data.length - 1);
  // Drop a label that would crowd the last one.
  if (labelled.length > 2 && data.length - 1 - labelled[labelled.length - 2]!.i < 4) labelled.splice(labelled.length - 2, 1);
  return (
    <figure style={{ margin: 0 }} className="bar-chart">
      <div className="bar-chart-plot">
        <span className="bar-chart-max muted" aria-hidden="true">
          {max}
        </span>
        <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" width="100%" height="120" role="img" aria-label={label} data-testid={testId}>
          <line x1={0} x2={w} y1={h - 0.5} y2={h - 0.5} stroke="var(--border)" vectorEffect="non-scaling-stroke" />
          <line x1={0} x2={w} y1={0.5} y2={0.5} stroke="var(--border)" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />
          {data.map((d, i) => {
            const bh = h * (d.value / max);
            return (
              <rect key={d.key} x={i * bw + 1} y={h - bh} width={bw - 2} height={bh} fill="var(--accent)" data-key={d.key} data-value={d.value}>
                <title>{`${d.label}: ${d.value} ${unit}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <div className="bar-chart-axis muted" aria-hidden="true">
        {labelled.map(({ d, i }) => {
          const centre = ((i + 0.5) / data.length) * 100;
          const edge = i === 0 ? 'start' : i === data.length - 1 ? 'end' : 'middle';
          return (
            <span
              key={d.key}
              className={`bar-chart-tick bar-chart-tick-${edge}`}
              style={edge === 'start' ? { left: 0 } : edge === 'end' ? { right: 0 } : { left: `${centre}%` }}
            >
              {d.label}
            </span>
          );
        })}
      </div>
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

export function HBars({ rows, label, testId }: { rows: { label: string; value: number; text: string; hint?: string }[]; label: string; testId?: string }) {
  return (
    <ul className="meta-list hbars" aria-label={label} data-testid={testId}>
      {rows.map((r) => (
        <li key={r.label} className="hbars-row">
          <span>
            {r.label}
            {r.hint && <span className="hbars-hint muted">{r.hint}</span>}
          </span>
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
