import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, isHttps, newNonce, NOTHING_TO_LOAD_CSP, securityHeaders } from '@/lib/security/headers';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, UPLOAD_PATH } from '@/lib/security/limits';
import { actionArgumentsProblem, formActionProblem } from '@/lib/security/action-request';
import { appOrigin, isOwnOrigin, mediaTypeOf } from '@/lib/security/origin';
import { safeRedirectPath } from '@/lib/security/redirect';

const OFF_SITE = '\u0000';

/**
 * Runs before every page and route handler: refuses what would otherwise reach a framework
 * 500 (a path that is not UTF-8, a body over 1 MB, an off-site callbackUrl for next-auth),
 * and sets the security headers, with a fresh CSP nonce that Next puts on its own scripts.
 */
export async function proxy(request: NextRequest) {
  const https = isHttps(process.env.NEXTAUTH_URL);
  const refused = refuse(request) ?? (await refuseAction(request));
  if (refused) return withHeaders(refused, NOTHING_TO_LOAD_CSP, https);

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
  // A restore uploads a backup file; every other body is small.
  const upload = request.method === 'POST' && request.nextUrl.pathname === UPLOAD_PATH;
  const cap = upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
  if (Number.isFinite(length) && length > cap) return text(413, upload ? 'The file is larger than 64 MB.' : 'The request body is larger than 1 MB.');
  if (request.nextUrl.pathname.startsWith('/api/auth/')) {
    // next-auth answers a callbackUrl it cannot parse as an http URL with a 500.
    const origin = appOrigin(request.url);
    const cookie = request.cookies.getAll().find((c) => c.name.endsWith('next-auth.callback-url'));
    for (const cb of [request.nextUrl.searchParams.get('callbackUrl'), cookie?.value ?? null]) {
      if (cb !== null && !ownUrl(cb, origin)) return text(400, 'Bad request: callbackUrl must be a path on this site.');
    }
  }
  return null;
}

/** A path on this site (`/…`) or an absolute URL of ours: what next-auth can follow and we allow. */
function ownUrl(raw: string, origin: string): boolean {
  if (!raw.startsWith('/') && !raw.startsWith(`${origin}/`) && raw !== origin) return false;
  return safeRedirectPath(raw, origin, OFF_SITE) !== OFF_SITE;
}

/** Server-action requests the framework would answer with a 500 (lib/security/action-request.ts). */
async function refuseAction(request: NextRequest): Promise<NextResponse | null> {
  // next-auth's endpoints take its own form posts (with its own CSRF token); everything else,
  // including paths under /api/ that match no route handler and fall through to a page, is checked.
  if (request.method !== 'POST' || request.nextUrl.pathname.startsWith('/api/auth/')) return null;
  const isAction = request.headers.has('next-action');
  const type = mediaTypeOf(request.headers.get('content-type'));
  // Next treats each of these as a possible server action.
  if (!isAction && type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') return null;
  // Browsers send Origin with every POST; Next's own check answers a missing or foreign one with a 500.
  if (!isOwnOrigin(request, request.headers.get('origin'))) return text(403, 'This request came from another site and was refused.');
  if (type === 'application/x-www-form-urlencoded') return isAction ? text(415, 'Server actions take the multipart/form-data this site’s forms send.') : null;
  if (isAction && type !== 'multipart/form-data') return text(415, 'Server actions take the multipart/form-data this site’s forms send.');
  // Read below, so the size must be known (and is at most 1 MB, checked above).
  if (request.headers.get('content-length') === null) return text(411, 'Send a Content-Length with the request.');
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return text(400, 'Bad request: the form data could not be read.');
  }
  // Part headers with control characters parse here but end the framework's parser in a 500.
  for (const [key, value] of form.entries()) {
    if (/[\u0000-\u001f\u007f]/.test(key) || (typeof value !== 'string' && /[\u0000-\u001f\u007f"]/.test(value.name))) {
      return text(400, 'Bad request: a form field name has control characters.');
    }
  }
  const problem = isAction ? actionArgumentsProblem(form.get('0')) : formActionProblem(form);
  return problem ? text(400, `Bad request: ${problem}`) : null;
}

export const config = {
  // Static build output gets its headers from next.config.ts.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
