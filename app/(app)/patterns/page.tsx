import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { CATEGORIES, CATEGORY_TITLES, LEVELS, SUBGROUPS } from '@/lib/content/schema';
import { filterCatalog, isFiltered, masteryBand, parseCatalogQuery } from '@/lib/content/catalog-filter';
import { isPatternCategory, type CatalogEntry } from '@/lib/content/catalog';
import type { Topic } from '@/lib/content';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { LevelBadge } from '@/app/_components/LevelBadge';
import { MasteryBar } from '@/app/_components/MasteryBar';
import { learnerProgress } from '@/lib/study/progress';
import { CatalogFilters } from './CatalogFilters';
import { Check, Clock, Columns3, Combine, Compass, Layers, ListChecks } from 'lucide-react';

export const metadata: Metadata = { title: 'Patterns' };

/** The seed's tool entries that have a page here. */
const TOOLS = [
  { slug: 'pattern-selector', href: '/tools/selector', Icon: Compass, blurb: 'State the problem and your constraints; get the patterns that fit, ranked, with their costs.' },
  { slug: 'pattern-combinations', href: '/tools/combinations', Icon: Combine, blurb: 'Patterns that work together, in what order, and pairings that work against each other.' },
  { slug: 'pattern-comparison', href: '/tools/compare', Icon: Columns3, blurb: 'Set two to four patterns side by side: problem, mechanism, cost, when to use and when not.' },
  { slug: 'pattern-quiz', href: '/quiz/pattern-quiz', Icon: ListChecks, blurb: 'Twenty production scenarios: pick the pattern that fits, and see which lessons to study next.' },
];

type Entry = { kind: 'lesson'; topic: Topic } | { kind: 'catalog'; entry: CatalogEntry };

const LEVEL_TITLES = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' } as const;

export default async function PatternsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/patterns');
  const { query, error } = parseCatalogQuery(await searchParams);
  const filtered = isFiltered(query);
  const library = getLibrary();
  const read = new Set((await listLessonReads(db(), user.id)).map((r) => r.topicId));
  const progress = await learnerProgress(db(), library, user.id, new Date());
  const categoryMastery = new Map(progress.categories.map((c) => [c.id, c.mastery]));
  // Every pattern in the catalog, written or not; a lesson is listed under its own category.
  const catalog = library.catalog.filter((c) => isPatternCategory(c.category));
  const written = new Set(library.patterns.map((p) => p.slug));
  // The lessons that pass the filters (a catalog entry without a lesson has no level or progress to filter on).
  const lessons = library.patterns
    .filter((p) => p.meta)
    .map((t) => {
      const f = progress.facts(t.id)!;
      return { topic: t, category: t.meta!.category, level: t.meta!.level, read: read.has(t.id), band: masteryBand(f.cardsIntroduced, f.mastery) };
    });
  const shown = new Set(filterCatalog(lessons, query).map((l) => l.topic.id));
  const groups = CATEGORIES.map((c) => {
    const inCategory = library.patterns.filter((p) => p.meta?.category === c);
    const unwritten = filtered ? [] : catalog.filter((e) => e.category === c && !written.has(e.slug)).sort((a, b) => a.title.localeCompare(b.title));
    const entries: Entry[] = [
      ...inCategory.filter((t) => shown.has(t.id)).map((t) => ({ kind: 'lesson' as const, topic: t })),
      ...unwritten.map((e) => ({ kind: 'catalog' as const, entry: e })),
    ];
    return { id: c, title: CATEGORY_TITLES[c], lessons: inCategory.length, total: catalog.filter((e) => e.category === c).length, entries };
  }).filter((g) => g.entries.length > 0);
  const total = catalog.length;
  const lessonCount = catalog.filter((e) => written.has(e.slug)).length;

  return (
    <div>
      <h1>Patterns</h1>
      <p className="muted">
        <span data-testid="catalog-count">
          {lessonCount} of {total} patterns have a lesson
        </span>
        , grouped by category{lessonCount < total ? '; the others are listed with their one-line summary' : ', plus Choosing Patterns'}.{' '}
        &ldquo;5 levels&rdquo; marks a lesson that climbs from intuition to mastery.
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error} The filters were cleared.
        </p>
      )}
      <CatalogFilters
        query={query}
        categories={CATEGORIES.filter((c) => lessons.some((l) => l.category === c)).map((c) => ({ value: c, label: CATEGORY_TITLES[c] }))}
        levels={LEVELS.map((l) => ({ value: l, label: LEVEL_TITLES[l] }))}
        shown={shown.size}
        total={lessons.length}
      />
      {filtered && groups.length === 0 && (
        <div className="panel" data-testid="no-match">
          <p style={{ marginTop: 0 }}>No pattern matches these filters.</p>
          <Link className="btn" href="/patterns">
            Clear filters
          </Link>
        </div>
      )}
      {!filtered && (
        <>
          <section className="category" aria-labelledby="tools">
            <h2 id="tools">Tools</h2>
            <ul className="pattern-list">
              {TOOLS.filter((t) => library.catalog.some((c) => c.slug === t.slug)).map((t) => (
                <li key={t.slug} className="pattern-item" data-testid={`tool-${t.slug}`}>
                  <h3>
                    <t.Icon className="tool-icon" aria-hidden="true" size={20} />
                    <Link href={t.href}>{library.catalog.find((c) => c.slug === t.slug)!.title}</Link>
                  </h3>
                  <p>{t.blurb}</p>
                </li>
              ))}
            </ul>
          </section>
          <section className="category" aria-labelledby="foundations">
            <h2 id="foundations">Foundations</h2>
            <p className="muted">The constraints every pattern answers, and how systems divide their work.</p>
            <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
              {[
                { title: 'The seven laws', topics: library.laws },
                { title: 'The five pillars', topics: library.pillars },
              ].map((f) => (
                <div key={f.title} className="panel">
                  <h3 style={{ marginTop: 0 }}>{f.title}</h3>
                  <ul className="meta-list">
                    {f.topics.map((t) => (
                      <li key={t.id}>
                        <Link href={t.href}>{t.title}</Link>
                        {read.has(t.id) && <span className="muted"> ✓</span>}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </section>
          {library.caseStudies.length > 0 && (
            <section className="category" aria-labelledby="case-studies">
              <div className="row spread">
                <h2 id="case-studies">Case studies</h2>
                <Link href="/case-studies">All case studies</Link>
              </div>
              <p className="muted">Real systems told by the patterns they combine.</p>
              <ul className="pattern-list">
                {library.caseStudies.map((c) => (
                  <li key={c.id} className={`pattern-item${read.has(c.id) ? ' read' : ''}`}>
                    <h3>
                      <Link href={c.href}>{c.title}</Link>
                    </h3>
                    <p>{c.summary}</p>
                    <div className="row" style={{ gap: '0.4rem' }}>
                      <LevelBadge level={c.caseStudy!.level} />
                      <span className="badge">
                        <Clock className="badge-icon" aria-hidden="true" size={13} />
                        {c.caseStudy!.reading_minutes} min
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {groups.map((g) => (
        <section key={g.id} className="category" aria-labelledby={`cat-${g.id}`}>
          <div className="row spread">
            <h2 id={`cat-${g.id}`}>{g.title}</h2>
            <MasteryBar value={categoryMastery.get(g.id) ?? 0} label="Category mastery" />
          </div>
          <p className="muted" style={{ marginTop: 0 }}>
            {filtered ? `${g.entries.length} of ${g.total} match` : `${g.lessons} of ${g.total} with a lesson`}
          </p>
          {g.id === 'specialized' ? (
            SUBGROUPS.map((sub) => {
              const entries = g.entries.filter((e) => (e.kind === 'lesson' ? e.topic.meta?.subgroup : e.entry.subgroup) === sub);
              const overview = library.domains.find((d) => d.domain!.subgroup === sub);
              if (!entries.length) return null;
              return (
                <div key={sub} className="subgroup" data-testid={`subgroup-${sub}`}>
                  <div className="row spread">
                    <h3 style={{ margin: '1rem 0 0.5rem' }}>{sub}</h3>
                    {overview && (
                      <Link className="btn btn-small" href={overview.href}>
                        Overview: {overview.domain!.system}
                      </Link>
                    )}
                  </div>
                  <EntryList entries={entries} read={read} mastery={(id) => progress.facts(id)?.mastery ?? 0} />
                </div>
              );
            })
          ) : (
            <EntryList entries={g.entries} read={read} mastery={(id) => progress.facts(id)?.mastery ?? 0} />
          )}
        </section>
      ))}
    </div>
  );
}

function EntryList({ entries, read, mastery }: { entries: Entry[]; read: Set<string>; mastery: (id: string) => number }) {
  return (
    <ul className="pattern-list">
      {entries.map((e) =>
        e.kind === 'lesson' ? (
          <li key={e.topic.id} className={`pattern-item${read.has(e.topic.id) ? ' read' : ''}`}>
            <h3>
              <Link href={e.topic.href}>{e.topic.title}</Link>
            </h3>
            <p>{e.topic.summary}</p>
            <div className="row" style={{ gap: '0.4rem' }}>
              {e.topic.meta && <LevelBadge level={e.topic.meta.level} />}
              {e.topic.enhanced && (
                <span className="badge badge-star">
                  <Layers className="badge-icon" aria-hidden="true" size={13} />5 levels
                </span>
              )}
              {e.topic.meta && (
                <span className="badge">
                  <Clock className="badge-icon" aria-hidden="true" size={13} />
                  {e.topic.meta.reading_minutes} min
                </span>
              )}
              {read.has(e.topic.id) && (
                <span className="badge" style={{ color: 'var(--good)' }}>
                  <Check className="badge-icon" aria-hidden="true" size={13} />
                  Read
                </span>
              )}
            </div>
            {read.has(e.topic.id) && <MasteryBar value={mastery(e.topic.id)} />}
          </li>
        ) : (
          <li key={e.entry.slug} className="pattern-item unwritten" data-testid={`unwritten-${e.entry.slug}`}>
            <h3>{e.entry.title}</h3>
            <p>
              {e.entry.tagline}
              {e.entry.subgroup ? ` · ${e.entry.subgroup}` : ''}
            </p>
            <p className="sr-only">No lesson yet.</p>
          </li>
        ),
      )}
    </ul>
  );
}
