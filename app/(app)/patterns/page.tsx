import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { CATEGORIES, CATEGORY_TITLES } from '@/lib/content/schema';
import { isPatternCategory } from '@/lib/content/catalog';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { LevelBadge } from '@/app/_components/LevelBadge';
import { MasteryBar } from '@/app/_components/MasteryBar';
import { learnerProgress } from '@/lib/study/progress';

export const metadata: Metadata = { title: 'Patterns' };

export default async function PatternsPage() {
  const user = await requireUser('/patterns');
  const library = getLibrary();
  const read = new Set(listLessonReads(db(), user.id).map((r) => r.topicId));
  const progress = learnerProgress(db(), library, user.id, new Date());
  const categoryMastery = new Map(progress.categories.map((c) => [c.id, c.mastery]));
  const groups = CATEGORIES.map((c) => ({
    id: c,
    title: CATEGORY_TITLES[c],
    patterns: library.patterns.filter((p) => p.meta?.category === c),
  })).filter((g) => g.patterns.length > 0);
  const total = library.catalog.filter((c) => isPatternCategory(c.category)).length;

  return (
    <div>
      <h1>Patterns</h1>
      <p className="muted">
        {library.patterns.length} lessons so far from a library of {total} patterns, grouped by category.{' '}
        <span aria-hidden="true">★</span> marks a five-level lesson.
      </p>
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
      {groups.map((g) => (
        <section key={g.id} className="category" aria-labelledby={`cat-${g.id}`}>
          <div className="row spread">
            <h2 id={`cat-${g.id}`}>{g.title}</h2>
            <MasteryBar value={categoryMastery.get(g.id) ?? 0} label="Category mastery" />
          </div>
          <ul className="pattern-list">
            {g.patterns.map((p) => (
              <li key={p.id} className={`pattern-item${read.has(p.id) ? ' read' : ''}`}>
                <h3>
                  <Link href={p.href}>{p.title}</Link>
                </h3>
                <p>{p.summary}</p>
                <div className="row" style={{ gap: '0.4rem' }}>
                  {p.meta && <LevelBadge level={p.meta.level} />}
                  {p.enhanced && <span className="badge badge-star">★ 5 levels</span>}
                  {p.meta && <span className="badge">{p.meta.reading_minutes} min</span>}
                  {read.has(p.id) && <span className="badge" style={{ color: 'var(--good)' }}>✓ Read</span>}
                </div>
                {read.has(p.id) && <MasteryBar value={progress.facts(p.id)?.mastery ?? 0} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
