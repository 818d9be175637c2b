import { NextResponse } from 'next/server';
import { MAX_BODY_BYTES } from './limits';

/**
 * What the checks below read of a request: a web `Request` (route handlers) or the grading
 * fast path's view of a Node request (lib/server/fast-routes.ts), so both apply the same checks.
 */
export type RequestLike = {
  method: string;
  url: string;
  headers: { get(name: string): string | null; has(name: string): boolean };
};

/** A request refused: the status and the sentence the API answers with. */
export type Refusal = { status: number; error: string };

/** The app's own origin: `NEXTAUTH_URL` when set (production always sets it), else the request's. */
export function appOrigin(requestUrl: string): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // an invalid NEXTAUTH_URL is reported by lib/env; fall back to the request
    }
  }
  return new URL(requestUrl).origin;
}

/**
 * The origin the browser addressed: the request URL's scheme with its `Host` header (what the
 * learner typed: `127.0.0.1:3000` or `localhost:3000` reach the same server). Null when the
 * header is missing or is not a bare host[:port].
 */
export function requestOrigin(request: RequestLike): string | null {
  const host = request.headers.get('host');
  if (!host || !/^[a-z0-9.\-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host)) return null;
  try {
    const url = new URL(`${new URL(request.url).protocol}//${host}`);
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Whether an `Origin` header names this app: the configured origin (`NEXTAUTH_URL`, which
 * behind a TLS proxy is the only https one), or the very origin the request was sent to. A page
 * on another site that posts here sends its own origin, which is neither; a browser cannot
 * send a `Host` of its choosing, so the second case is same-origin by definition (Next's own
 * server-action check compares the same two headers).
 */
export function isOwnOrigin(request: RequestLike, origin: string | null): boolean {
  if (origin === null) return false;
  return origin === appOrigin(request.url) || origin === requestOrigin(request);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const OFF_SITE: Refusal = { status: 403, error: 'This request came from another site and was refused.' };

function respond(refusal: Refusal | null): NextResponse | null {
  return refusal && NextResponse.json({ error: refusal.error }, { status: refusal.status });
}

/**
 * Cross-site request forgery guard for route handlers. A browser marks every request with
 * `Sec-Fetch-Site` and every non-GET fetch with `Origin`; a request from another site is
 * refused with 403. State-changing methods must carry one of the two (browsers always do),
 * so a form post from elsewhere, which cannot set custom headers, never gets through.
 * Typed navigations (`Sec-Fetch-Site: none`) may GET, for the export download.
 */
function originRefusal(request: RequestLike): Refusal | null {
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const safe = SAFE_METHODS.has(request.method);
  if (site !== null && site !== 'same-origin' && !(safe && site === 'none')) return OFF_SITE;
  if (origin !== null && !isOwnOrigin(request, origin)) return OFF_SITE;
  if (!safe && origin === null && site === null) return { status: 403, error: 'State-changing requests must come from the app (no Origin header).' };
  return null;
}

export function checkOrigin(request: RequestLike): NextResponse | null {
  return respond(originRefusal(request));
}

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaTypeOf(value: string | null | undefined): string | null {
  return value ? value.split(';')[0]!.trim().toLowerCase() : null;
}

export { MAX_BODY_BYTES };

function declaredLength(request: RequestLike): number | null {
  const raw = request.headers.get('content-length');
  if (raw === null) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

const TOO_LARGE: Refusal = { status: 413, error: 'The request body is larger than 1 MB.' };
const NOT_JSON: Refusal = { status: 415, error: 'Send the request body as application/json.' };

/** Refuses a body that is not JSON (415) and a body over the cap (413). */
function jsonBodyRefusal(request: RequestLike): Refusal | null {
  if (mediaTypeOf(request.headers.get('content-type')) !== 'application/json') return NOT_JSON;
  if ((declaredLength(request) ?? 0) > MAX_BODY_BYTES) return TOO_LARGE;
  return null;
}

/** For routes that take no body (undo, finish, starting the optimizer): anything sent is refused. */
function noBodyRefusal(request: RequestLike): Refusal | null {
  const length = declaredLength(request);
  if ((length ?? 0) > MAX_BODY_BYTES) return TOO_LARGE;
  const type = mediaTypeOf(request.headers.get('content-type'));
  if (type !== null && type !== 'application/json') return NOT_JSON;
  if ((length ?? 0) > 0 || request.headers.has('transfer-encoding')) return { status: 400, error: 'This request takes no body.' };
  return null;
}

/** Origin check plus body check, in the order every state-changing route handler needs. */
export function requestRefusal(request: RequestLike, body: 'json' | 'none'): Refusal | null {
  return originRefusal(request) ?? (body === 'json' ? jsonBodyRefusal(request) : noBodyRefusal(request));
}

export function guardRequest(request: RequestLike, body: 'json' | 'none'): NextResponse | null {
  return respond(requestRefusal(request, body));
}

export class BodyTooLargeError extends Error {}

/** Reads the body as text, stopping with BodyTooLargeError past the cap (chunked bodies have no length). */
export async function readCappedText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}
