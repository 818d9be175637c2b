import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isHttps, newNonce, securityHeaders } from './headers';

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy('abc123', {});
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('limits scripts to this response’s nonce and what they load, without eval', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directive('script-src')).not.toMatch(/unsafe-inline|https?:|\*/);
  });

  it('forbids framing, plugins and foreign form targets', () => {
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('form-action')).toBe("form-action 'self'");
    expect(directive('base-uri')).toBe("base-uri 'self'");
  });

  it('allows eval only in development (React’s dev tools need it) and upgrades requests only on https', () => {
    expect(contentSecurityPolicy('n', { dev: true })).toMatch(/'unsafe-eval'/);
    expect(contentSecurityPolicy('n', { https: true })).toMatch(/upgrade-insecure-requests/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
  });
});

describe('securityHeaders', () => {
  const get = (https: boolean) => Object.fromEntries(securityHeaders(https).map((h) => [h.key.toLowerCase(), h.value]));
  it('sets the fixed headers', () => {
    const h = get(false);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['permissions-policy']).toMatch(/camera=\(\)/);
    expect(h['strict-transport-security']).toBeUndefined();
  });
  it('adds HSTS when the app is on https', () => {
    expect(isHttps('https://patternwise.example')).toBe(true);
    expect(isHttps('http://localhost:3000')).toBe(false);
    expect(get(true)['strict-transport-security']).toMatch(/max-age=\d{8}/);
  });
});

describe('newNonce', () => {
  it('is fresh each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
