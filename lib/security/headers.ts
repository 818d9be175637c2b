/**
 * Security headers. The CSP (with a fresh nonce per request) is set by proxy.ts on pages and
 * route handlers; the rest also go on static assets through next.config's headers().
 * No imports: next.config loads this file too.
 */

/** Whether the app is served over https (then HSTS and upgrade-insecure-requests apply). */
export function isHttps(appUrl: string | undefined): boolean {
  return typeof appUrl === 'string' && appUrl.startsWith('https://');
}

/**
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic':
 * Next's chunks, Mermaid's lazy bundle), all from our own build; never eval. Styles allow
 * 'unsafe-inline': React style attributes and the <style> Mermaid writes into each SVG
 * cannot carry a nonce (a nonce in style-src would disable 'unsafe-inline').
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The CSP of an answer that loads nothing: a refusal from proxy.ts, a grade from the fast path. */
export const NOTHING_TO_LOAD_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The headers every response gets, static assets included. */
export function securityHeaders(https: boolean): { key: string; value: string }[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    {
      key: 'Permissions-Policy',
      value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), browsing-topics=()',
    },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    // For browsers without CSP frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
  ];
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
