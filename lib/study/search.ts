import 'server-only';
import { getLibrary, type Library } from '@/lib/content';
import { buildSearchIndex, searchDocuments, type SearchIndex } from '@/lib/search/search';

const cache = globalThis as unknown as { patternwiseSearch?: { library: Library; index: SearchIndex } };

/** The search index of the library this process serves, built on first use (content is static per process). */
export function searchIndex(): SearchIndex {
  const library = getLibrary();
  if (cache.patternwiseSearch?.library !== library) {
    cache.patternwiseSearch = { library, index: buildSearchIndex(searchDocuments(library)) };
  }
  return cache.patternwiseSearch.index;
}
