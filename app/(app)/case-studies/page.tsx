import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { LevelBadge } from '@/app/_components/LevelBadge';

export const metadata: Metadata = { title: 'Case studies' };

/** Real systems told as stories of the patterns they combine. */
export default async function CaseStudiesPage() {
  const user = await requireUser('/case-studies');
  const library = getLibrary();
  const read = new Set((await listLessonReads(db(), user.id)).map((r) => r.topicId));
  return (
    <div className="stack">
      <div>
        <h1 style={{ marginBottom: 0 }}>Case studies</h1>
        <p className="muted">
          Real systems, from their own papers, talks and engineering posts, told as the patterns they combine and why each was chosen there.
        </p>
      </div>
      {library.caseStudies.length === 0 ? (
        <p className="muted">No case study has been written yet.</p>
      ) : (
        <ul className="pattern-list">
          {library.caseStudies.map((c) => (
            <li key={c.id} className={`pattern-item${read.has(c.id) ? ' read' : ''}`} data-testid={`case-${c.slug}`}>
              <h2 style={{ margin: 0, fontSize: '1.1rem' }}>
                <Link href={c.href}>{c.title}</Link>
              </h2>
              <p>{c.summary}</p>
              <div className="row" style={{ gap: '0.4rem' }}>
                <LevelBadge level={c.caseStudy!.level} />
                <span className="badge">{c.caseStudy!.reading_minutes} min</span>
                <span className="badge">{c.caseStudy!.patterns.length} patterns</span>
                {read.has(c.id) && (
                  <span className="badge" style={{ color: 'var(--good)' }}>
                    ✓ Read
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
