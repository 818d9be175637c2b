import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLibrary } from '@/lib/content/load';
import { buildSearchIndex, searchDocuments, type SearchDoc } from './search';

const { library } = readLibrary(path.resolve('content'));
const index = buildSearchIndex(searchDocuments(library));

describe('search over the library', () => {
  it('forgives a typo: "sharting" finds Sharding first', () => {
    expect(index.search('sharting')[0]).toMatchObject({ title: 'Sharding', kind: 'pattern', href: '/patterns/sharding' });
  });

  it('matches prefixes: "leader el" finds Leader Election first', () => {
    expect(index.search('leader el')[0]).toMatchObject({ title: 'Leader Election' });
  });

  it('finds laws and pillars by name, with their kind', () => {
    expect(index.search('correlated failure')[0]).toMatchObject({ kind: 'law', href: '/laws/correlated-failure' });
  });

  it('finds flashcards by their front, linked to their lesson', () => {
    const card = library.topics.get('circuit-breaker')!.cards[0]!;
    const hits = index.search(card.front);
    expect(hits.some((h) => h.kind === 'flashcard' && h.id === card.id && h.href === '/patterns/circuit-breaker')).toBe(true);
  });

  it('returns nothing for an empty query and caps the number of results', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('cache', 5)).toHaveLength(5);
  });
});

describe('search ranking', () => {
  const doc = (id: string, title: string, summary: string, body: string): SearchDoc => ({ id, kind: 'pattern', title, summary, body, context: 'Data', href: `/patterns/${id}` });
  const small = buildSearchIndex([
    doc('in-body', 'Write-Ahead Log', 'Durability first.', 'Replicas gossip about membership.'),
    doc('in-summary', 'Anti-Entropy', 'Replicas gossip to repair differences.', 'Merkle trees.'),
    doc('in-title', 'Gossip Protocol', 'Epidemic dissemination.', 'Rounds and fan-out.'),
  ]);

  it('ranks a title match above a summary match above a body match', () => {
    expect(small.search('gossip').map((r) => r.id)).toEqual(['in-title', 'in-summary', 'in-body']);
  });

  it('ranks a lesson above a flashcard that matches the same words', () => {
    const mixed = buildSearchIndex([
      { id: 'c', kind: 'flashcard', title: 'What does a circuit breaker do?', summary: '', body: 'Fails fast.', context: 'Circuit Breaker', href: '/patterns/cb' },
      doc('cb', 'Circuit Breaker', 'Stop calling a failing dependency.', 'States.'),
    ]);
    expect(mixed.search('circuit breaker')[0]!.id).toBe('cb');
  });

  it('falls back to any word when no document has them all', () => {
    expect(small.search('gossip zebra').length).toBeGreaterThan(0);
  });
});
