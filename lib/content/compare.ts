import type { Library, Topic } from './load';
import { CATEGORY_TITLES } from './schema';

/** A row of the comparison tool: one value per compared pattern. */
export interface CompareRow {
  label: string;
  values: string[];
}

export const MAX_COMPARED = 4;

const LEVEL_TITLES = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' } as const;

/**
 * The rows that set 2-4 patterns side by side: their `glance:` lines (problem, mechanism,
 * cost, complexity, use when, avoid when), then level, category, laws, pillars, what to learn
 * first and what is related. Pure: names are looked up in the library it is given.
 */
export function comparisonRows(library: Library, topics: Topic[]): CompareRow[] {
  const name = (slug: string) => library.topics.get(slug)?.title ?? library.catalog.find((c) => c.slug === slug)?.title ?? slug;
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : '—');
  const glance = (t: Topic, key: 'problem' | 'mechanism' | 'cost' | 'complexity' | 'use_when' | 'avoid_when') => t.meta?.glance?.[key] ?? '—';
  return [
    { label: 'Problem', values: topics.map((t) => glance(t, 'problem')) },
    { label: 'Mechanism', values: topics.map((t) => glance(t, 'mechanism')) },
    { label: 'Cost', values: topics.map((t) => glance(t, 'cost')) },
    { label: 'Complexity', values: topics.map((t) => glance(t, 'complexity')) },
    { label: 'Use when', values: topics.map((t) => glance(t, 'use_when')) },
    { label: 'Avoid when', values: topics.map((t) => glance(t, 'avoid_when')) },
    { label: 'Level', values: topics.map((t) => (t.meta ? LEVEL_TITLES[t.meta.level] : '—')) },
    { label: 'Category', values: topics.map((t) => (t.meta ? (t.meta.subgroup ?? CATEGORY_TITLES[t.meta.category]) : '—')) },
    { label: 'Laws', values: topics.map((t) => list((t.meta?.laws ?? []).map((l) => library.topics.get(`laws/${l}`)?.title ?? l))) },
    { label: 'Pillars', values: topics.map((t) => list((t.meta?.pillars ?? []).map((p) => library.topics.get(`pillars/${p}`)?.title ?? p))) },
    { label: 'Learn first', values: topics.map((t) => list((t.meta?.prerequisites ?? []).map(name))) },
    { label: 'Related', values: topics.map((t) => list((t.meta?.related ?? []).map(name))) },
  ];
}

/**
 * The patterns named in `?p=a,b,c`: known lessons in the order given, without repeats, at
 * most four; and the names that are not lessons, so the page can say so.
 */
export function comparedTopics(library: Library, param: string | undefined): { topics: Topic[]; unknown: string[]; truncated: boolean } {
  const slugs = [...new Set((param ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))].slice(0, 12);
  const topics: Topic[] = [];
  const unknown: string[] = [];
  for (const s of slugs) {
    const t = /^[a-z0-9-]{1,80}$/.test(s) ? library.topics.get(s) : undefined;
    if (t && t.kind === 'pattern') topics.push(t);
    else unknown.push(s.slice(0, 80));
  }
  return { topics: topics.slice(0, MAX_COMPARED), unknown, truncated: topics.length > MAX_COMPARED };
}
