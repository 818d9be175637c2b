import { CATEGORIES, CATEGORY_TITLES, type PathContent } from './schema';
import type { Library, Topic } from './load';

export interface FurtherGroup {
  /** A category id, or `case-studies` for the group that ends the part. */
  category: (typeof CATEGORIES)[number] | 'case-studies';
  title: string;
  topics: Topic[];
}

/**
 * A path's "Going further" part: every pattern lesson whose `level` is the path's, that the
 * path's own (seed) steps do not already teach, grouped by category in the catalog's order.
 * Built from the lessons' front matter, so a new lesson joins its path with no path file to edit.
 * The part ends with the case studies at the path's level.
 */
export function goingFurther(library: Library, path: PathContent): FurtherGroup[] {
  const inPath = new Set(path.stages.flatMap((s) => s.patterns.map((ref) => ref.split('#')[0]!)));
  const groups: FurtherGroup[] = CATEGORIES.map((category) => ({
    category,
    title: CATEGORY_TITLES[category],
    topics: library.patterns.filter((t) => t.meta?.level === path.id && t.meta.category === category && !inPath.has(t.slug)),
  }));
  groups.push({ category: 'case-studies', title: 'Case studies', topics: library.caseStudies.filter((c) => c.caseStudy!.level === path.id) });
  return groups.filter((g) => g.topics.length > 0);
}
