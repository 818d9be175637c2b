/** Where a learner goes after signing in when the requested place is not ours. */
export const DEFAULT_AFTER_SIGN_IN = '/dashboard';

/**
 * The path (with query and hash) of `raw` when it points at `origin`, else the fallback.
 * The URL parser decides, not string prefixes: `/\evil.example`, `/\t/evil.example` and
 * `//evil.example` all parse to another host, and `javascript:` to another scheme.
 */
export function safeRedirectPath(raw: unknown, origin: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fallback;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
  if (url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}
