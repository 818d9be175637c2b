import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLibrary } from '@/lib/content/load';
import { groupProblems, NO_CONSTRAINTS, parseSelection, rankPatterns, selectionQuery, type SelectorPattern } from './rank';

const { library } = readLibrary(path.resolve('content'));
const patterns: SelectorPattern[] = library.patterns.map((t) => ({ slug: t.slug, title: t.title, meta: t.meta! }));
const known = new Set(library.problems.map((p) => p.id));

function pattern(slug: string, meta: Partial<SelectorPattern['meta']>): SelectorPattern {
  return {
    slug,
    title: slug,
    meta: { category: 'resilience', level: 'beginner', laws: ['correlated-failure'], related: [], solves: ['cascading-failure'], ...meta },
  };
}
const tags = [
  { id: 'cascading-failure', title: 'Cascading failure', description: '' },
  { id: 'cloud-cost', title: 'Cloud cost', description: '' },
];

describe('the selector ranking', () => {
  it('ranks circuit breaker, timeout and bulkhead in the top five for cascading failure and a team of low maturity', () => {
    const ranked = rankPatterns(patterns, library.problems, { problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, maturity: 'low' } });
    const top5 = ranked.slice(0, 5).map((r) => r.slug);
    expect(top5).toEqual(expect.arrayContaining(['circuit-breaker', 'timeout', 'bulkhead']));
    expect(ranked[0]!.solves.map((s) => s.id)).toEqual(['cascading-failure']);
  });

  it('lists only patterns that solve a selected problem, and nothing without one', () => {
    expect(rankPatterns(patterns, library.problems, { problems: [], constraints: NO_CONSTRAINTS })).toEqual([]);
    const ranked = rankPatterns(patterns, library.problems, { problems: ['duplicate-messages'], constraints: NO_CONSTRAINTS });
    expect(ranked.length).toBeGreaterThan(0);
    for (const r of ranked) expect(patterns.find((p) => p.slug === r.slug)!.meta.solves).toContain('duplicate-messages');
  });

  it('counts each selected problem a pattern solves, the main one (listed first) most', () => {
    const a = pattern('a', { solves: ['cascading-failure', 'cloud-cost'] });
    const b = pattern('b', { solves: ['cloud-cost', 'cascading-failure'] });
    const c = pattern('c', { solves: ['cascading-failure'] });
    const ranked = rankPatterns([c, b, a], tags, { problems: ['cascading-failure', 'cloud-cost'], constraints: NO_CONSTRAINTS });
    expect(ranked.map((r) => r.slug)).toEqual(['a', 'b', 'c']);
  });

  it('moves complex patterns down for a team of low maturity, and not for a team of high maturity', () => {
    const simple = pattern('simple', { glance: { complexity: 'low', cost: '', avoid_when: '' } });
    const complex = pattern('complex', { glance: { complexity: 'high', cost: '', avoid_when: '' }, solves: ['cascading-failure'] });
    const low = rankPatterns([complex, simple], tags, { problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, maturity: 'low' } });
    expect(low.map((r) => r.slug)).toEqual(['simple', 'complex']);
    expect(low[1]!.reasons.some((r) => r.effect === 'against')).toBe(true);
    const high = rankPatterns([complex, simple], tags, { problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, maturity: 'high' } });
    expect(high[0]!.score).toBe(high[1]!.score);
  });

  it('moves patterns that serve stale data down when strong consistency is needed', () => {
    const cache = pattern('cache', { glance: { complexity: 'low', cost: 'Readers may see stale data until expiry.', avoid_when: '' } });
    const plain = pattern('plain', { glance: { complexity: 'low', cost: 'More code.', avoid_when: '' } });
    const strong = rankPatterns([cache, plain], tags, { problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, consistency: 'strong' } });
    expect(strong.map((r) => r.slug)).toEqual(['plain', 'cache']);
    const eventual = rankPatterns([cache, plain], tags, { problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, consistency: 'eventual' } });
    expect(eventual.map((r) => r.slug)).toEqual(['cache', 'plain']);
  });

  it('with high cost sensitivity prefers patterns that save money over ones whose trade-off is money', () => {
    const saver = pattern('saver', { solves: ['cascading-failure', 'cloud-cost'] });
    const spender = pattern('spender', { solves: ['cascading-failure'], laws: ['economic-reality'] });
    const ranked = rankPatterns([spender, saver], tags, { problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, cost: 'high' } });
    expect(ranked.map((r) => r.slug)).toEqual(['saver', 'spender']);
  });

  it('suggests related patterns from the results first as what to combine with', () => {
    const ranked = rankPatterns(patterns, library.problems, { problems: ['cascading-failure'], constraints: NO_CONSTRAINTS });
    const cb = ranked.find((r) => r.slug === 'circuit-breaker')!;
    expect(cb.combineWith[0]).toBe('timeout');
  });

  it('reads the URL leniently and writes it back', () => {
    const s = parseSelection({ problems: 'cascading-failure,nope,cascading-failure', maturity: 'low', scale: 'huge' }, known);
    expect(s).toEqual({ problems: ['cascading-failure'], constraints: { ...NO_CONSTRAINTS, maturity: 'low' } });
    expect(selectionQuery(s)).toBe('problems=cascading-failure&maturity=low');
  });

  it('groups every problem tag that a lesson solves under a category', () => {
    const groups = groupProblems(library.problems, patterns);
    const grouped = groups.flatMap((g) => g.problems.map((p) => p.id));
    const solved = new Set(patterns.flatMap((p) => p.meta.solves));
    expect(new Set(grouped)).toEqual(new Set(library.problems.filter((p) => solved.has(p.id)).map((p) => p.id)));
    expect(groups.find((g) => g.id === 'resilience')!.problems.map((p) => p.id)).toContain('cascading-failure');
  });
});
