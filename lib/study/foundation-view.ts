import 'server-only';
import { getLibrary, renderCached, type Topic } from '@/lib/content';
import { TOPIC_FOLDERS } from '@/lib/content/load';
import { hasMermaid } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { quizResults } from '@/lib/db/quiz';
import { learnerDay } from './dates';
import { nextPathStep } from './next-step';

export type FoundationKind = 'law' | 'pillar' | 'case-study' | 'domain';

/** A catalog pattern a page lists: its lesson when written, else its catalog line. */
export interface ListedPattern {
  slug: string;
  title: string;
  summary: string;
  href: string | null;
  level: 'beginner' | 'intermediate' | 'advanced' | null;
}

/**
 * What a law, pillar, case study or domain page shows, for one learner: its text, and the
 * patterns it names (laws and pillars: the lessons that name them; case studies: the
 * patterns at work; domains: the subgroup's patterns in the order to learn them).
 */
export async function foundationView(kind: FoundationKind, id: string, userId: string) {
  const library = getLibrary();
  const topic = library.topics.get(`${TOPIC_FOLDERS[kind]}/${id}`);
  if (!topic) return null;
  const listed = (slug: string): ListedPattern => {
    const t = library.topics.get(slug);
    const c = library.catalog.find((x) => x.slug === slug);
    return { slug, title: t?.title ?? c?.title ?? slug, summary: t?.summary ?? c?.tagline ?? '', href: t?.href ?? null, level: t?.meta?.level ?? null };
  };
  let patterns: ListedPattern[];
  if (kind === 'case-study') patterns = topic.caseStudy!.patterns.map(listed);
  else if (kind === 'domain') patterns = topic.domain!.order.map(listed);
  else {
    const field = kind === 'law' ? 'laws' : 'pillars';
    patterns = library.patterns.filter((p) => (p.meta?.[field] as string[] | undefined)?.includes(id)).map((p) => listed(p.slug));
  }
  const read = (await listLessonReads(db(), userId)).find((r) => r.topicId === topic.id);
  const family = { law: library.laws, pillar: library.pillars, 'case-study': library.caseStudies, domain: library.domains }[kind];
  const siblings = family.map((t: Topic) => ({ href: t.href, label: t.title }));
  return {
    topic,
    patterns,
    siblings,
    readAt: read ? await learnerDay(db(), userId, read.readAt) : null,
    quizResult: (await quizResults(db(), userId)).get(topic.id),
    next: await nextPathStep(db(), library, userId, topic.id),
    introHtml: topic.intro ? renderCached(`${topic.id}#intro`, topic.intro) : '',
    sections: topic.sections.map((s) => ({ id: s.id, title: s.title, html: renderCached(`${topic.id}#${s.id}`, s.markdown) })),
    hasDiagram: topic.sections.some((s) => hasMermaid(s.markdown)),
  };
}
