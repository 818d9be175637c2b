import MiniSearch from 'minisearch';
import type { Library, Topic } from '@/lib/content/load';
import { CATEGORY_TITLES } from '@/lib/content/schema';

/**
 * Search over the library: patterns, laws, pillars, case studies, domain overviews and the
 * fronts of flashcards. Content is static per process, so the index is built once from it
 * (decision record 012). Ranking: a match in the title counts most, then the summary, then
 * the body; prefixes match ("leader el") and so do near misses ("sharting" finds Sharding).
 */

export type SearchKind = 'pattern' | 'law' | 'pillar' | 'case study' | 'domain' | 'flashcard';

export interface SearchDoc {
  id: string;
  kind: SearchKind;
  title: string;
  summary: string;
  body: string;
  /** What the result shows beside its kind: the category, subgroup or the lesson a card is in. */
  context: string;
  href: string;
}

export interface SearchResult {
  id: string;
  kind: SearchKind;
  title: string;
  context: string;
  href: string;
  score: number;
}

function kindOf(topic: Topic): SearchKind | null {
  switch (topic.kind) {
    case 'pattern':
      return 'pattern';
    case 'law':
      return 'law';
    case 'pillar':
      return 'pillar';
    case 'case-study':
      return 'case study';
    case 'domain':
      return 'domain';
    default:
      return null;
  }
}

function contextOf(topic: Topic): string {
  if (topic.meta) return topic.meta.subgroup ?? CATEGORY_TITLES[topic.meta.category];
  if (topic.caseStudy) return `${topic.caseStudy.level} case study`;
  if (topic.domain) return topic.domain.subgroup;
  return topic.kind === 'law' ? 'The seven laws' : 'The five pillars';
}

/** Markdown to searchable words: code fences, diagrams and link targets are not prose. */
function plain(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#*_`>|[\]-]+/g, ' ');
}

export function searchDocuments(library: Library): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const topics = [...library.patterns, ...library.laws, ...library.pillars, ...library.caseStudies, ...library.domains];
  for (const topic of topics) {
    const kind = kindOf(topic);
    if (!kind) continue;
    docs.push({
      id: topic.id,
      kind,
      title: topic.title,
      summary: topic.summary,
      body: plain([topic.intro, ...topic.sections.map((s) => `${s.title}\n${s.markdown}`)].join('\n')),
      context: contextOf(topic),
      href: topic.href,
    });
    for (const card of topic.cards) {
      docs.push({ id: card.id, kind: 'flashcard', title: card.front, summary: '', body: card.back, context: topic.title, href: topic.href });
    }
  }
  return docs;
}

export interface SearchIndex {
  search(query: string, limit?: number): SearchResult[];
}

/** Lessons rank above flashcards that match as well: a learner looking for a pattern wants its page. */
const KIND_WEIGHT: Record<SearchKind, number> = { pattern: 1.5, domain: 1.3, 'case study': 1.3, law: 1.2, pillar: 1.2, flashcard: 0.6 };

export function buildSearchIndex(docs: SearchDoc[]): SearchIndex {
  const mini = new MiniSearch<SearchDoc>({
    fields: ['title', 'summary', 'body'],
    storeFields: ['kind', 'title', 'context', 'href'],
    searchOptions: {
      boost: { title: 6, summary: 2, body: 1 },
      prefix: (term) => term.length >= 2,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : term.length >= 4 ? 1 : false),
      combineWith: 'AND',
    },
  });
  mini.addAll(docs);
  return {
    search(query: string, limit = 12): SearchResult[] {
      const q = query.trim().slice(0, 100);
      if (!q) return [];
      let hits = mini.search(q);
      // Nothing has every word: fall back to any word, so a half-remembered phrase still finds something.
      if (hits.length === 0) hits = mini.search(q, { combineWith: 'OR' });
      return hits
        .map((h) => ({
          id: h.id as string,
          kind: h.kind as SearchKind,
          title: h.title as string,
          context: h.context as string,
          href: h.href as string,
          score: h.score * KIND_WEIGHT[h.kind as SearchKind],
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}
