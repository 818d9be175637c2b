import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, isHttps, newNonce, securityHeaders } from '@/lib/security/headers';
import { MAX_BODY_BYTES } from '@/lib/security/limits';
import { appOrigin } from '@/lib/security/origin';
import { safeRedirectPath } from '@/lib/security/redirect';

const OFF_SITE = '\u0000';

/**
 * Runs before every page and route handler: refuses what would otherwise reach a framework
 * 500 (a path that is not UTF-8, a body over 1 MB, an off-site callbackUrl for next-auth),
 * and sets the security headers, with a fresh CSP nonce that Next puts on its own scripts.
 */
export function proxy(request: NextRequest) {
  const https = isHttps(process.env.NEXTAUTH_URL);
  const refused = refuse(request);
  if (refused) return withHeaders(refused, "default-src 'none'; frame-ancestors 'none'", https);

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

function withHeaders(response: NextResponse, csp: string, https: boolean): NextResponse {
  response.headers.set('content-security-policy', csp);
  for (const { key, value } of securityHeaders(https)) response.headers.set(key, value);
  return response;
}

function text(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

function refuse(request: NextRequest): NextResponse | null {
  try {
    decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return text(400, 'Bad request: the address is not valid UTF-8.');
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) return text(413, 'The request body is larger than 1 MB.');
  if (request.nextUrl.pathname.startsWith('/api/auth/')) {
    const cb = request.nextUrl.searchParams.get('callbackUrl');
    if (cb !== null && safeRedirectPath(cb, appOrigin(request.url), OFF_SITE) === OFF_SITE) {
      return text(400, 'Bad request: callbackUrl must be a path on this site.');
    }
  }
  return null;
}

export const config = {
  // Static build output gets its headers from next.config.ts.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
