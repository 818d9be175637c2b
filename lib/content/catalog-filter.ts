import { z } from '@/lib/zod';
import { CATEGORIES, LEVELS } from '@/lib/content/schema';

/** How well a learner holds a pattern now, from its mastery (mean recall probability of its cards). */
export const MASTERY_BANDS = ['not-started', 'weak', 'learning', 'strong'] as const;
export type MasteryBand = (typeof MASTERY_BANDS)[number];

export const MASTERY_BAND_LABELS: Record<MasteryBand, string> = {
  'not-started': 'Not started (no cards studied)',
  weak: 'Weak (under 50%)',
  learning: 'Learning (50-79%)',
  strong: 'Strong (80% or more)',
};

/** A pattern whose cards were never studied has no mastery to speak of; the rest fall in bands by recall. */
export function masteryBand(cardsIntroduced: number, mastery: number): MasteryBand {
  if (cardsIntroduced === 0) return 'not-started';
  if (mastery < 0.5) return 'weak';
  if (mastery < 0.8) return 'learning';
  return 'strong';
}

/** The catalog's filters, as they appear in its URL (`/patterns?category=data&status=unread`). */
export const catalogQuery = z.object({
    category: z.enum(CATEGORIES, { error: 'Unknown category.' }).optional(),
    level: z.enum(LEVELS, { error: 'Unknown level.' }).optional(),
    status: z.enum(['read', 'unread'], { error: 'Status is read or unread.' }).optional(),
    mastery: z.enum(MASTERY_BANDS, { error: 'Unknown mastery band.' }).optional(),
  });
export type CatalogQuery = z.infer<typeof catalogQuery>;

/** What the filters need to know about one pattern. */
export type FilterablePattern = {
  category: (typeof CATEGORIES)[number];
  level: (typeof LEVELS)[number];
  read: boolean;
  band: MasteryBand;
};

export function isFiltered(query: CatalogQuery): boolean {
  return Object.values(query).some((v) => v !== undefined);
}

/** The patterns that pass every filter set (an unset filter passes everything). */
export function filterCatalog<T extends FilterablePattern>(patterns: readonly T[], query: CatalogQuery): T[] {
  return patterns.filter(
    (p) =>
      (!query.category || p.category === query.category) &&
      (!query.level || p.level === query.level) &&
      (!query.status || p.read === (query.status === 'read')) &&
      (!query.mastery || p.band === query.mastery),
  );
}

/**
 * Reads the filters from a page's search params. Empty values mean "any"; a bad value is
 * reported and every filter is dropped, so a hand-edited URL never shows a wrong subset.
 */
export function parseCatalogQuery(raw: Record<string, string | string[] | undefined>): { query: CatalogQuery; error?: string } {
  const flat = Object.fromEntries(
    Object.entries(raw)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = catalogQuery.safeParse(flat);
  if (parsed.success) return { query: parsed.data };
  return { query: {}, error: parsed.error.issues[0]?.message ?? 'Bad filter.' };
}

/** The URL of the catalog with these filters (unset ones left out). */
export function catalogHref(query: CatalogQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/patterns?${s}` : '/patterns';
}
