import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { browseCards, browserQuery, PAGE_SIZE, stateName } from '@/lib/study/card-browser';
import { CardTable } from './CardTable';
import { FilterPanel } from './FilterPanel';
import { learnerDateTime } from '@/lib/study/dates';

export const metadata: Metadata = { title: 'Cards' };

type Search = Record<string, string | string[] | undefined>;

export default async function CardsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser('/cards');
  const raw = await searchParams;
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = browserQuery.safeParse(flat);
  const query = parsed.success ? parsed.data : browserQuery.parse({});
  const library = getLibrary();
  const now = new Date();
  const result = await browseCards(db(), library, user.id, query, now);
  const fmt = { format: await learnerDateTime(db(), user.id) };
  const topics = [...library.patterns, ...library.laws, ...library.pillars];
  // Filters in use (sort is an order, not a filter): shown on the phone's folded Filters button.
  const active = [query.q !== '', query.topic !== '', query.kind !== 'all', query.state !== 'all', query.due !== 'any', query.lapses > 0].filter(Boolean).length;
  const link = (over: Record<string, string | number>) => {
    const p = new URLSearchParams(Object.entries({ ...flat, ...over }).map(([k, v]) => [k, String(v)]));
    return `/cards?${p.toString()}`;
  };

  return (
    <div className="stack">
      <h1>Cards</h1>
      <p className="muted">
        Every flashcard and quiz question in the library, with your schedule. {result.leeches > 0 && <Link href="/cards?state=leech">{result.leeches} leech{result.leeches === 1 ? '' : 'es'}</Link>}
        {result.leeches > 0 ? ' (8 or more lapses) need a rewrite in your head, or a suspension.' : 'A card you forget 8 or more times is marked a leech.'}
      </p>
      {!parsed.success && (
        <p className="alert alert-error" role="alert">
          {parsed.error.issues[0]?.message} The filters were reset.
        </p>
      )}
      <FilterPanel active={active}>
        <form method="get" className="panel grid card-filters" aria-label="Filter cards">
          <div className="field card-filters-search">
            <label htmlFor="q">Search</label>
            <input id="q" name="q" type="search" defaultValue={query.q} />
          </div>
          <div className="field">
            <label htmlFor="topic">Pattern</label>
            <select id="topic" name="topic" defaultValue={query.topic}>
              <option value="">All</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
              {library.collections.map((c) => (
                <option key={c.topic.id} value={c.topic.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kind">Kind</label>
            <select id="kind" name="kind" defaultValue={query.kind}>
              <option value="all">All</option>
              <option value="card">Flashcards</option>
              <option value="question">Questions</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="state">State</label>
            <select id="state" name="state" defaultValue={query.state}>
              {['all', 'new', 'learning', 'review', 'relearning', 'suspended', 'buried', 'leech'].map((s) => (
                <option key={s} value={s}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="due">Due</label>
            <select id="due" name="due" defaultValue={query.due}>
              <option value="any">Any time</option>
              <option value="overdue">Overdue</option>
              <option value="today">By the end of today</option>
              <option value="week">Within 7 days</option>
              <option value="later">Later</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="lapses">At least lapses</label>
            <input id="lapses" name="lapses" type="number" min={0} max={999} defaultValue={query.lapses || ''} />
          </div>
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select id="sort" name="sort" defaultValue={query.sort}>
              <option value="due">Due date</option>
              <option value="lapses">Most lapses</option>
              <option value="topic">Pattern</option>
              <option value="difficulty">Hardest</option>
              <option value="stability">Least stable</option>
            </select>
          </div>
          <div className="field card-filters-apply">
            <button type="submit" className="btn btn-primary">
              Apply
            </button>
          </div>
        </form>
      </FilterPanel>
      <p className="muted" role="status">
        {result.total} card{result.total === 1 ? '' : 's'}
        {result.pages > 1 ? ` · page ${result.page} of ${result.pages} (${PAGE_SIZE} a page)` : ''}
      </p>
      <CardTable
        key={`${JSON.stringify(query)}:${result.page}`}
        rows={result.rows.map((r) => ({
          itemId: r.itemId,
          kind: r.kind,
          topicTitle: r.topicTitle,
          topicHref: r.topicHref,
          text: r.text.length > 160 ? `${r.text.slice(0, 157)}…` : r.text,
          state: r.state ? stateName(r.state) : 'not started',
          due: r.state && r.state.state !== 0 ? fmt.format(r.state.due) : '–',
          lapses: r.state?.lapses ?? 0,
          reps: r.state?.reps ?? 0,
          stability: r.state && r.state.reps > 0 ? `${r.state.stability.toFixed(1)}d` : '–',
          suspended: r.state?.suspended ?? false,
          buried: Boolean(r.state?.buriedUntil && r.state.buriedUntil > now),
          leech: r.leech,
        }))}
      />
      {result.pages > 1 && (
        <nav className="row" aria-label="Pages">
          {result.page > 1 && (
            <Link className="btn btn-small" href={link({ page: result.page - 1 })}>
              ← Previous
            </Link>
          )}
          {result.page < result.pages && (
            <Link className="btn btn-small" href={link({ page: result.page + 1 })}>
              Next →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
