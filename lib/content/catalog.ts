import { CATEGORIES, SUBGROUPS } from './schema';

export interface CatalogEntry {
  slug: string;
  title: string;
  category: string;
  subgroup: string | null;
  enhanced: boolean;
  tagline: string;
}

/** Parses catalog.tsv (slug, title, category, subgroup, enhanced, tagline). */
export function parseCatalog(tsv: string): CatalogEntry[] {
  const [header, ...rows] = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!header?.startsWith('slug\t')) throw new Error('catalog.tsv: the first line must be the header');
  return rows.map((row) => {
    const [slug = '', title = '', category = '', subgroup = '', enhanced = '', tagline = ''] = row.split('\t');
    return { slug, title, category, subgroup: subgroup || null, enhanced: enhanced === 'yes', tagline };
  });
}

/** Catalog rows that are patterns (the "tools" rows are pages of the old site, not patterns). */
export function isPatternCategory(category: string): boolean {
  return (CATEGORIES as readonly string[]).includes(category);
}

export function isSubgroup(value: string | null): boolean {
  return value === null || (SUBGROUPS as readonly string[]).includes(value);
}
