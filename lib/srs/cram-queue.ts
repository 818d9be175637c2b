import type { Grade } from './grades';

/** An item answered Again comes back this many items later (or at the end of a shorter session). */
export const CRAM_AGAIN_GAP = 3;

/**
 * The cram queue after answering its first item: forgotten (Again) items come back a few items
 * later, until they are remembered; anything else leaves the session.
 */
export function afterCramAnswer<T>(queue: readonly T[], rating: Grade): T[] {
  const [first, ...rest] = queue;
  if (first === undefined) return [];
  if (rating !== 1) return rest;
  const at = Math.min(CRAM_AGAIN_GAP, rest.length);
  return [...rest.slice(0, at), first, ...rest.slice(at)];
}
