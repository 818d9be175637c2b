import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import {
  CONSTRAINT_LABELS,
  CONSTRAINTS,
  groupProblems,
  parseSelection,
  rankPatterns,
  selectionQuery,
  type Constraints,
  type SelectorPattern,
} from '@/lib/selector/rank';
import { PRACTICE_PATTERNS } from '@/lib/study/selector-practice';
import { PractiseButton } from './PractiseButton';

export const metadata: Metadata = { title: 'Pattern Selector' };

type Params = Record<string, string | string[] | undefined>;

/**
 * `/tools/selector?problems=cascading-failure&maturity=low`: state the problem and the
 * constraints, get patterns ranked by lib/selector (docs/decisions/014). A plain GET form, so
 * the URL is the state and a link shares it.
 */
export default async function SelectorPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const library = getLibrary();
  const known = new Set(library.problems.map((p) => p.id));
  const selection = parseSelection(params, known);
  const query = selectionQuery(selection);
  await requireUser(`/tools/selector${query ? `?${query}` : ''}`);
  const patterns: SelectorPattern[] = library.patterns.map((t) => ({ slug: t.slug, title: t.title, meta: t.meta! }));
  const groups = groupProblems(library.problems, patterns);
  const ranked = rankPatterns(patterns, library.problems, selection);
  const chosen = new Set(selection.problems);
  const title = (slug: string) => library.topics.get(slug)?.title ?? slug;
  const combinationsOf = (slug: string) => library.combinations.filter((c) => c.kind === 'synergy' && c.patterns.includes(slug)).slice(0, 3);

  // With a selection, the answer comes first and the choices follow (to change them).
  const form = (
    <form method="get" action="/tools/selector" className="stack selector-form" aria-label="Problems and constraints">
      <fieldset className="panel selector-problems">
        <legend>Problems</legend>
        <p className="hint" style={{ marginTop: 0 }}>
          Pick one or more, grouped by the kind of pattern that solves them.
        </p>
        {groups.map((g) => {
          const picked = g.problems.filter((p) => chosen.has(p.id)).length;
          return (
            <details key={g.id} open={picked > 0} data-testid={`group-${g.id}`}>
              <summary>
                {g.title} <span className="muted">({picked > 0 ? `${picked} of ${g.problems.length} picked` : g.problems.length})</span>
              </summary>
              <ul className="selector-problem-list">
                {g.problems.map((p) => (
                  <li key={p.id}>
                    <label className="check">
                      <input type="checkbox" name="problems" value={p.id} defaultChecked={chosen.has(p.id)} />
                      <span>
                        <strong>{p.title}</strong>
                        <br />
                        <span className="muted">{p.description}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </details>
          );
        })}
      </fieldset>
      <div className="panel selector-constraints">
        {(Object.keys(CONSTRAINTS) as (keyof Constraints)[]).map((key) => {
          const labels = CONSTRAINT_LABELS[key];
          return (
            <fieldset key={key}>
              <legend>{labels.title}</legend>
              <label className="check">
                <input type="radio" name={key} value="" defaultChecked={selection.constraints[key] === null} />
                <span>No preference</span>
              </label>
              {CONSTRAINTS[key].map((v) => (
                <label key={v} className="check">
                  <input type="radio" name={key} value={v} defaultChecked={selection.constraints[key] === v} />
                  <span>{(labels.values as Record<string, string>)[v]}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Show patterns
        </button>
        {query && (
          <Link href="/tools/selector" className="btn">
            Start over
          </Link>
        )}
      </div>
    </form>
  );

  return (
    <div className="stack">
      <div>
        <h1 style={{ marginBottom: 0 }}>Pattern Selector</h1>
        <p className="muted">
          Say what hurts and what you can live with. The patterns that solve it come back ranked, each with why it fits, what it costs and
          what to pair it with.
        </p>
      </div>
      {selection.problems.length === 0 && form}

      {selection.problems.length === 0 ? (
        <p className="muted" data-testid="selector-empty">
          Pick at least one problem. Try{' '}
          <Link href="/tools/selector?problems=cascading-failure&maturity=low">cascading failure with a team new to operations</Link> or{' '}
          <Link href="/tools/selector?problems=duplicate-messages,dual-write&consistency=strong">duplicate messages and dual writes</Link>.
        </p>
      ) : (
        <section aria-labelledby="results" className="stack">
          <div className="row spread">
            <h2 id="results" style={{ margin: 0 }}>
              {ranked.length} pattern{ranked.length === 1 ? '' : 's'} for{' '}
              {selection.problems.map((p) => library.problems.find((x) => x.id === p)!.title.toLowerCase()).join(', ')}
            </h2>
            {ranked.length > 0 && (
              <PractiseButton patterns={ranked.slice(0, PRACTICE_PATTERNS).map((r) => r.slug).join(',')} />
            )}
          </div>
          <p className="muted" style={{ marginTop: '0.25rem' }}>
            “Practise this” asks scenario questions from the top {Math.min(PRACTICE_PATTERNS, ranked.length)}, with feedback after each answer.
            This page&apos;s address keeps your choices: copy it to share them.
          </p>
          <ol className="selector-results" data-testid="selector-results">
            {ranked.map((r) => {
              return (
                <li key={r.slug} className="panel selector-result" data-testid={`selector-result-${r.slug}`}>
                  <h3>
                    <Link href={`/patterns/${r.slug}`}>{r.title}</Link>{' '}
                    {r.complexity && <span className="badge">{r.complexity} complexity</span>}
                  </h3>
                  <dl className="compare-dl">
                    <div>
                      <dt>Why it fits</dt>
                      <dd>
                        Solves {r.solves.map((s) => s.title.toLowerCase()).join(' and ')}.
                        {r.reasons.length > 0 && (
                          <ul className="selector-reasons">
                            {r.reasons.map((reason) => (
                              <li key={reason.text} className={reason.effect === 'for' ? 'reason-for' : 'reason-against'}>
                                <span className="sr-only">{reason.effect === 'for' ? 'In favour: ' : 'Against: '}</span>
                                <span aria-hidden="true">{reason.effect === 'for' ? '+ ' : '− '}</span>
                                {reason.text}
                              </li>
                            ))}
                          </ul>
                        )}
                      </dd>
                    </div>
                    {r.cost && (
                      <div>
                        <dt>What it costs</dt>
                        <dd>{r.cost}</dd>
                      </div>
                    )}
                    {(r.combineWith.length > 0 || combinationsOf(r.slug).length > 0) && (
                      <div>
                        <dt>Combine with</dt>
                        <dd>
                          {combinationsOf(r.slug).length > 0 ? (
                            <ul className="meta-list">
                              {combinationsOf(r.slug).map((c) => (
                                <li key={c.id}>
                                  <Link href={c.topic.href}>{c.title}</Link>
                                </li>
                              ))}
                            </ul>
                          ) : (
                            r.combineWith.map((s, i) => (
                              <span key={s}>
                                {i > 0 && ', '}
                                <Link href={`/patterns/${s}`}>{title(s)}</Link>
                              </span>
                            ))
                          )}
                        </dd>
                      </div>
                    )}
                  </dl>
                  <p style={{ margin: 0 }}>
                    <Link href={`/patterns/${r.slug}`}>Learn {r.title} →</Link>
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {selection.problems.length > 0 && (
        <section aria-labelledby="choices" className="stack">
          <h2 id="choices" style={{ marginBottom: 0 }}>
            Change the problem or constraints
          </h2>
          {form}
        </section>
      )}
    </div>
  );
}
