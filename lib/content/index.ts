import 'server-only';
import path from 'node:path';
import { env } from '@/lib/env';
import { readLibrary, formatProblem, type Library } from './load';
import { renderInline, renderMarkdown } from './markdown';

export type { Library, Topic, TopicCard, TopicQuestion } from './load';

const globalForContent = globalThis as unknown as { patternwiseLibrary?: Library; patternwiseHtml?: Map<string, string> };

/**
 * The content library, read and validated once per process (in development on every call,
 * so edits show without a restart). Invalid topics are left out and reported in the log;
 * `npm run content:check` is what keeps them out of a commit.
 */
export function getLibrary(): Library {
  if (globalForContent.patternwiseLibrary && env().NODE_ENV === 'production') return globalForContent.patternwiseLibrary;
  const { library, problems } = readLibrary(path.resolve(/* turbopackIgnore: true */ process.cwd(), env().CONTENT_DIR));
  if (problems.length && !globalForContent.patternwiseLibrary) {
    console.warn(`content: ${problems.length} problem(s); run npm run content:check\n${problems.slice(0, 10).map(formatProblem).join('\n')}`);
  }
  globalForContent.patternwiseLibrary = library;
  globalForContent.patternwiseHtml = new Map();
  return library;
}

/** Rendered HTML, cached per key (Markdown rendering with highlighting is the slow part). */
export function renderCached(key: string, markdown: string): string {
  getLibrary();
  const cache = globalForContent.patternwiseHtml!;
  let html = cache.get(key);
  if (html === undefined) {
    html = renderMarkdown(markdown);
    cache.set(key, html);
  }
  return html;
}

/** Inline Markdown (card faces, question options), rendered once per content version and kept like renderCached. */
export function renderInlineCached(key: string, markdown: string): string {
  getLibrary();
  const cache = globalForContent.patternwiseHtml!;
  const id = `inline:${key}`;
  let html = cache.get(id);
  if (html === undefined) {
    html = renderInline(markdown);
    cache.set(id, html);
  }
  return html;
}
