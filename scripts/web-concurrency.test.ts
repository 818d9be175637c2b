import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, no types
import { webConcurrency } from './web-concurrency.mjs';

describe('WEB_CONCURRENCY', () => {
  it('defaults to one server process per core', () => {
    expect(webConcurrency(undefined, 2)).toBe(2);
    expect(webConcurrency('', 8)).toBe(8);
    expect(webConcurrency(undefined, 0)).toBe(1);
  });
  it('takes a whole number from 1 to 64 and refuses anything else', () => {
    expect(webConcurrency('1', 8)).toBe(1);
    expect(webConcurrency(' 3 ', 8)).toBe(3);
    for (const bad of ['0', '65', '-1', '2.5', 'two', '1e2']) expect(webConcurrency(bad, 8)).toBeNull();
  });
});
