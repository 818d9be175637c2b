import { describe, expect, it } from 'vitest';
import { catalogHref, filterCatalog, isFiltered, masteryBand, parseCatalogQuery, type FilterablePattern } from './catalog-filter';

const p = (over: Partial<FilterablePattern> & { id: string }) => ({ category: 'resilience', level: 'beginner', read: false, band: 'not-started', ...over }) as FilterablePattern & { id: string };

const patterns = [
  p({ id: 'timeout' }),
  p({ id: 'saga', category: 'data', level: 'intermediate', read: true, band: 'learning' }),
  p({ id: 'raft', category: 'coordination', level: 'advanced', read: true, band: 'strong' }),
  p({ id: 'cqrs', category: 'data', level: 'advanced', read: true, band: 'weak' }),
];
const ids = (q: Parameters<typeof filterCatalog>[1]) => filterCatalog(patterns, q).map((x) => x.id);

describe('masteryBand', () => {
  it('is not started until a card was studied, whatever the figure', () => {
    expect(masteryBand(0, 0)).toBe('not-started');
    expect(masteryBand(0, 0.95)).toBe('not-started');
  });
  it('bands by recall at 50% and 80%', () => {
    expect(masteryBand(3, 0)).toBe('weak');
    expect(masteryBand(3, 0.499)).toBe('weak');
    expect(masteryBand(3, 0.5)).toBe('learning');
    expect(masteryBand(3, 0.799)).toBe('learning');
    expect(masteryBand(3, 0.8)).toBe('strong');
  });
});

describe('filterCatalog', () => {
  it('passes everything with no filter', () => {
    expect(ids({})).toEqual(['timeout', 'saga', 'raft', 'cqrs']);
    expect(isFiltered({})).toBe(false);
  });
  it('applies each filter, and all of them together', () => {
    expect(ids({ category: 'data' })).toEqual(['saga', 'cqrs']);
    expect(ids({ level: 'advanced' })).toEqual(['raft', 'cqrs']);
    expect(ids({ status: 'unread' })).toEqual(['timeout']);
    expect(ids({ status: 'read' })).toEqual(['saga', 'raft', 'cqrs']);
    expect(ids({ mastery: 'weak' })).toEqual(['cqrs']);
    expect(ids({ category: 'data', level: 'advanced', status: 'read', mastery: 'weak' })).toEqual(['cqrs']);
    expect(ids({ category: 'data', mastery: 'strong' })).toEqual([]);
    expect(isFiltered({ level: 'advanced' })).toBe(true);
  });
});

describe('parseCatalogQuery', () => {
  it('reads the URL, treating empty values as unset', () => {
    expect(parseCatalogQuery({ category: 'data', level: '', status: ['read', 'unread'] })).toEqual({ query: { category: 'data', status: 'read' } });
  });
  it('drops every filter on a bad value and says why', () => {
    expect(parseCatalogQuery({ category: 'data', level: 'expert' })).toEqual({ query: {}, error: 'Unknown level.' });
    expect(parseCatalogQuery({ mastery: 'expert' })).toEqual({ query: {}, error: 'Unknown mastery band.' });
  });
  it('ignores parameters that are not filters (a shared link may carry others)', () => {
    expect(parseCatalogQuery({ level: 'advanced', utm_source: 'x' })).toEqual({ query: { level: 'advanced' } });
  });
  it('round-trips through the catalog URL', () => {
    const href = catalogHref({ category: 'coordination', mastery: 'not-started' });
    expect(href).toBe('/patterns?category=coordination&mastery=not-started');
    expect(parseCatalogQuery(Object.fromEntries(new URL(href, 'http://x').searchParams)).query).toEqual({ category: 'coordination', mastery: 'not-started' });
    expect(catalogHref({})).toBe('/patterns');
  });
});
