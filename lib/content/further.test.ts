import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goingFurther } from './further';
import { readLibrary } from './load';

const { library } = readLibrary(path.resolve('content'));

describe('a path\'s "Going further" part', () => {
  it('holds every lesson at the path\'s level that its steps do not teach, grouped by category in catalog order', () => {
    for (const p of library.paths) {
      const groups = goingFurther(library, p);
      const inPath = new Set(p.stages.flatMap((s) => s.patterns.map((r) => r.split('#')[0])));
      const slugs = groups.filter((g) => g.category !== 'case-studies').flatMap((g) => g.topics.map((t) => t.slug));
      const expected = library.patterns.filter((t) => t.meta?.level === p.id && !inPath.has(t.slug)).map((t) => t.slug);
      expect(new Set(slugs)).toEqual(new Set(expected));
      expect(slugs).toHaveLength(expected.length);
      for (const g of groups) for (const t of g.topics) expect(g.category === 'case-studies' ? t.caseStudy?.level : t.meta?.category).toBe(g.category === 'case-studies' ? p.id : g.category);
      // The case studies at the path's level end the part.
      const cases = library.caseStudies.filter((c) => c.caseStudy!.level === p.id);
      if (cases.length) expect(groups.at(-1)!.topics.map((t) => t.id)).toEqual(cases.map((c) => c.id));
    }
    const beginner = goingFurther(library, library.paths.find((p) => p.id === 'beginner')!);
    expect(beginner.flatMap((g) => g.topics.map((t) => t.slug))).toContain('circuit-breaker');
    expect(beginner.flatMap((g) => g.topics.map((t) => t.slug))).not.toContain('timeout');
  });

  it('takes in a new lesson with no path file edited', () => {
    const beginner = library.paths.find((p) => p.id === 'beginner')!;
    const timeout = library.topics.get('timeout')!;
    const newcomer = { ...timeout, id: 'bloom-filter', slug: 'bloom-filter', title: 'Bloom Filter', meta: { ...timeout.meta!, category: 'data' as const } };
    const grown = { ...library, patterns: [...library.patterns, newcomer] };
    const data = goingFurther(grown, beginner).find((g) => g.category === 'data');
    expect(data?.topics.map((t) => t.slug)).toContain('bloom-filter');
  });
});
