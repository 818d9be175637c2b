import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparedTopics, comparisonRows } from './compare';
import { readLibrary } from './load';

const { library } = readLibrary(path.resolve('content'));

describe('the comparison tool', () => {
  it('reads up to four known patterns from ?p=, in order, without repeats, and names the unknown ones', () => {
    const r = comparedTopics(library, 'saga, two-phase-commit,saga,nope,../etc');
    expect(r.topics.map((t) => t.slug)).toEqual(['saga', 'two-phase-commit']);
    expect(r.unknown).toEqual(['nope', '../etc']);
    const five = comparedTopics(library, 'saga,cqrs,outbox,timeout,bulkhead');
    expect(five.topics).toHaveLength(4);
    expect(five.truncated).toBe(true);
    expect(comparedTopics(library, undefined).topics).toEqual([]);
  });

  it('builds one row per glance field and relation, one value per pattern', () => {
    const topics = comparedTopics(library, 'saga,two-phase-commit').topics;
    const rows = comparisonRows(library, topics);
    expect(rows.map((r) => r.label)).toEqual(['Problem', 'Mechanism', 'Cost', 'Complexity', 'Use when', 'Avoid when', 'Level', 'Category', 'Laws', 'Pillars', 'Learn first', 'Related']);
    for (const r of rows) expect(r.values).toHaveLength(2);
    const tpc = library.topics.get('two-phase-commit')!;
    expect(rows[0]!.values[1]).toBe(tpc.meta!.glance!.problem);
    expect(rows.find((r) => r.label === 'Laws')!.values[1]).toContain(library.topics.get(`laws/${tpc.meta!.laws[0]}`)!.title);
  });
});
