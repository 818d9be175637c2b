import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect';

const ORIGIN = 'https://patternwise.example';

describe('safeRedirectPath', () => {
  it.each([
    ['/review', '/review'],
    ['/patterns/saga?level=2#quiz', '/patterns/saga?level=2#quiz'],
    ['https://patternwise.example/settings', '/settings'],
    ['review', '/review'],
    ['/\\evil.example', '/dashboard'],
    ['/\t/evil.example', '/dashboard'],
    ['/\\t/evil.example', '/dashboard'],
    ['//evil.example', '/dashboard'],
    ['///evil.example', '/dashboard'],
    ['/.//evil.example', '/dashboard'],
    ['\\\\evil.example', '/dashboard'],
    ['https://evil.example', '/dashboard'],
    ['https://patternwise.example.evil.example/x', '/dashboard'],
    ['https://patternwise.example@evil.example/', '/dashboard'],
    ['http://patternwise.example/settings', '/dashboard'],
    ['javascript:alert(1)', '/dashboard'],
    ['JavaScript:alert(1)', '/dashboard'],
    [' javascript:alert(1)', '/dashboard'],
    ['data:text/html,<script>alert(1)</script>', '/dashboard'],
    ['', '/dashboard'],
    [undefined, '/dashboard'],
    [['/review'], '/dashboard'],
    ['/' + 'a'.repeat(3000), '/dashboard'],
  ])('%j -> %s', (raw, expected) => {
    expect(safeRedirectPath(raw, ORIGIN)).toBe(expected);
  });

  it('never returns something a browser would read as another host', () => {
    for (const raw of ['/\\evil.example', '//evil.example', '/\t/evil.example', '/.//evil.example', 'https://evil.example']) {
      const out = safeRedirectPath(raw, ORIGIN);
      expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
