import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { comparedTopics, comparisonRows, MAX_COMPARED } from '@/lib/content/compare';
import { ComparePicker } from './ComparePicker';

export const metadata: Metadata = { title: 'Compare patterns' };

/** `/tools/compare?p=saga,two-phase-commit`: 2-4 patterns side by side; on a phone each becomes a card. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<{ p?: string | string[] }> }) {
  const raw = (await searchParams).p;
  await requireUser(`/tools/compare${typeof raw === 'string' ? `?p=${encodeURIComponent(raw)}` : ''}`);
  const library = getLibrary();
  const { topics, unknown, truncated } = comparedTopics(library, typeof raw === 'string' ? raw : undefined);
  const rows = comparisonRows(library, topics);
  return (
    <div className="stack">
      <div>
        <h1 style={{ marginBottom: 0 }}>Compare patterns</h1>
        <p className="muted">
          Pick two to four patterns to set side by side: the problem each solves, how, at what cost, and when to reach for it or not.
        </p>
      </div>
      <ComparePicker selected={topics.map((t) => ({ slug: t.slug, title: t.title }))} max={MAX_COMPARED} />
      {unknown.length > 0 && (
        <p className="alert alert-error" role="alert" data-testid="compare-unknown">
          No pattern lesson is called {unknown.map((u) => `“${u}”`).join(', ')}; {unknown.length === 1 ? 'it was' : 'they were'} left out.
        </p>
      )}
      {truncated && (
        <p className="alert alert-error" role="alert">
          Only the first {MAX_COMPARED} patterns are compared.
        </p>
      )}
      {topics.length < 2 ? (
        <p className="muted" data-testid="compare-empty">
          Add {topics.length === 0 ? 'two patterns' : 'one more pattern'} to compare. Try{' '}
          <Link href="/tools/compare?p=saga,two-phase-commit">Saga and Two-Phase Commit</Link> or{' '}
          <Link href="/tools/compare?p=circuit-breaker,retry-backoff,timeout">Circuit Breaker, Retry and Timeout</Link>.
        </p>
      ) : (
        <>
          <div className="compare-table-wrap">
            <table className="compare-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Aspect</span>
                  </th>
                  {topics.map((t) => (
                    <th key={t.slug} scope="col">
                      <Link href={t.href}>{t.title}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {r.values.map((v, i) => (
                      <td key={topics[i]!.slug}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="compare-cards" data-testid="compare-cards">
            {topics.map((t, i) => (
              <section key={t.slug} className="panel" aria-labelledby={`cmp-${t.slug}`}>
                <h2 id={`cmp-${t.slug}`} style={{ marginTop: 0, fontSize: '1.15rem' }}>
                  <Link href={t.href}>{t.title}</Link>
                </h2>
                <dl className="compare-dl">
                  {rows.map((r) => (
                    <div key={r.label}>
                      <dt>{r.label}</dt>
                      <dd>{r.values[i]}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
