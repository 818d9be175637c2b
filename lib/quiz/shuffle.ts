/** Deterministic shuffles: the same seed always gives the same order (an attempt's id is its seed). */

/** FNV-1a: a 32-bit hash of a string, used as a PRNG seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-distributed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with a seeded PRNG; returns a new array. */
export function shuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const rand = prng(hashSeed(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order a question's options are shown in, for one showing: a seeded shuffle that never
 * repeats the order of the previous showing (`previous`, content indices as shown then).
 */
export function showingOrder(optionCount: number, seed: string, previous: readonly number[] | null): number[] {
  const order = shuffle(
    Array.from({ length: optionCount }, (_, i) => i),
    seed,
  );
  const same = previous !== null && previous.length === order.length && previous.every((v, i) => v === order[i]);
  // Rotating by one place moves every option, so the order differs from the previous one.
  return same && order.length > 1 ? [...order.slice(1), order[0]!] : order;
}
