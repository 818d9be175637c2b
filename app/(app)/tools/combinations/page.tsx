import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary, renderCached } from '@/lib/content';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { Mermaid } from '@/app/_components/Mermaid';
import { StartQuizButton } from '@/app/_components/StartQuizButton';
import { ReadButton } from './ReadButton';

export const metadata: Metadata = { title: 'Pattern combinations' };

const KINDS = [
  {
    kind: 'synergy',
    title: 'Work together',
    blurb: 'Patterns that cover each other’s gaps, and the order in which they act.',
  },
  {
    kind: 'conflict',
    title: 'Work against each other',
    blurb: 'Combinations that look reasonable and fail in production, and what to do instead.',
  },
] as const;

/**
 * Patterns combined: those that work together and those that clash, from content/combinations.yaml.
 * Marking one read adds its cards and questions to the learner's reviews.
 */
export default async function CombinationsPage() {
  const user = await requireUser('/tools/combinations');
  const library = getLibrary();
  const read = new Set((await listLessonReads(db(), user.id)).map((r) => r.topicId));
  const title = (slug: string) => library.topics.get(slug)?.title ?? slug;
  return (
    <div className="stack">
      <div>
        <h1 style={{ marginBottom: 0 }}>Pattern combinations</h1>
        <p className="muted">
          Patterns are rarely used alone. Here is why some belong together, in what order they act, and which pairings work against each
          other. Mark one as read to add its cards and questions to your reviews.
        </p>
        <nav aria-label="On this page" className="row">
          {KINDS.map((k) => (
            <a key={k.kind} href={`#${k.kind}`}>
              {k.title} ({library.combinations.filter((c) => c.kind === k.kind).length})
            </a>
          ))}
        </nav>
      </div>
      {KINDS.map((k) => (
        <section key={k.kind} aria-labelledby={k.kind} className="stack">
          <div>
            <h2 id={k.kind} style={{ marginBottom: 0 }}>
              {k.title}
            </h2>
            <p className="muted" style={{ marginTop: '0.25rem' }}>
              {k.blurb}
            </p>
          </div>
          {library.combinations
            .filter((c) => c.kind === k.kind)
            .map((c) => (
              <article key={c.id} id={c.id} className={`panel stack combination combination-${c.kind}`} aria-labelledby={`h-${c.id}`} data-testid={`combination-${c.id}`}>
                <h3 id={`h-${c.id}`} style={{ margin: 0 }}>
                  {c.title}
                </h3>
                <ul className="chips" aria-label="Patterns">
                  {c.patterns.map((p) => (
                    <li key={p} className="chip" style={{ paddingRight: '0.7rem' }}>
                      <Link href={`/patterns/${p}`}>{title(p)}</Link>
                    </li>
                  ))}
                </ul>
                <div>
                  <h4 className="combination-label">{c.kind === 'synergy' ? 'Why together' : 'Why they clash'}</h4>
                  <div className="prose" dangerouslySetInnerHTML={{ __html: renderCached(`${c.topic.id}#why`, c.why) }} />
                </div>
                <div>
                  <h4 className="combination-label">{c.kind === 'synergy' ? 'In what order' : 'How it goes wrong, and the fix'}</h4>
                  <div className="prose" dangerouslySetInnerHTML={{ __html: renderCached(`${c.topic.id}#order`, c.order) }} />
                </div>
                {c.diagram && (
                  <div className="prose" dangerouslySetInnerHTML={{ __html: renderCached(`${c.topic.id}#diagram`, `\`\`\`mermaid\n${c.diagram}\n\`\`\``) }} />
                )}
                <div className="row">
                  <ReadButton topicId={c.topic.id} title={c.title} read={read.has(c.topic.id)} cardCount={c.topic.cards.length} />
                  <StartQuizButton kind="topic" sourceId={c.topic.id} label={c.topic.questions.length === 1 ? 'Try its question' : 'Try its questions'} primary={false} />
                </div>
              </article>
            ))}
        </section>
      ))}
      {library.combinations.some((c) => c.diagram) && <Mermaid />}
    </div>
  );
}
