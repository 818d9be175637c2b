import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { sessionTokenFrom } from '@/lib/auth/jwt';
import { isHttps, NOTHING_TO_LOAD_CSP, securityHeaders } from '@/lib/security/headers';
import { BodyTooLargeError, MAX_BODY_BYTES, mediaTypeOf, type RequestLike } from '@/lib/security/origin';
import { answerGrade, type Answer } from '@/lib/study/grade-request';

/**
 * The grading fast path (docs/decisions/019). `npm start`'s server processes
 * (scripts/server.mjs) hand a grade to `serve` before Next sees it, skipping Next's routing,
 * its proxy and its Request/Response objects, which were most of a grade's CPU. The answer
 * comes from `answerGrade`, the function the route handler calls too, so the checks, the
 * transaction and the answers are the same. Anything `serves` does not take goes to Next.
 */
export type FastRoutes = {
  serves(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

export const FAST_ROUTES = Symbol.for('patternwise.fastRoutes');

/**
 * A JSON `POST /api/reviews` that is not a server action: what the review screen sends. Other
 * methods, content types and query strings go to Next, which answers them as before (proxy.ts
 * refuses form posts and server-action headers; the route handler refuses the rest with 415).
 */
export function serves(req: IncomingMessage): boolean {
  return (
    req.method === 'POST' &&
    req.url === '/api/reviews' &&
    req.headers['next-action'] === undefined &&
    mediaTypeOf(req.headers['content-type']) === 'application/json'
  );
}

export async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer: Answer;
  try {
    answer = await answerGrade(requestLike(req), sessionTokenFrom(cookieJar(req.headers.cookie)), () => readBody(req));
  } catch (e) {
    // What Next does with a route handler that throws, but with the API's JSON error shape.
    console.error('POST /api/reviews failed:', e);
    answer = { status: 500, body: { error: 'Something went wrong on our side. Try again in a moment.' } };
  }
  send(res, answer);
}

export function registerFastRoutes(): void {
  (globalThis as unknown as Record<symbol, FastRoutes>)[FAST_ROUTES] = { serves, serve };
}

/**
 * The request as the origin and body checks read it. The URL's scheme is worked out as Next's
 * router does it (a TLS socket, or `X-Forwarded-Proto` saying https), so `requestOrigin` sees
 * what it sees in a route handler.
 */
function requestLike(req: IncomingMessage): RequestLike {
  const forwarded = req.headers['x-forwarded-proto'];
  const https = (req.socket as TLSSocket).encrypted === true || (forwarded !== undefined && String(forwarded).includes('https'));
  const header = (name: string): string | null => {
    const value = req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    method: req.method ?? 'GET',
    url: `${https ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    headers: { get: header, has: (name) => req.headers[name.toLowerCase()] !== undefined },
  };
}

/** The Cookie header read as Next reads it (`request.cookies`): `; `-separated, URI-decoded, the last of a name wins. */
export function cookieJar(header: string | undefined): { get(name: string): { value: string } | undefined } {
  const jar = new Map<string, string>();
  for (const pair of (header ?? '').split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    if (at === -1) {
      jar.set(pair, 'true');
      continue;
    }
    try {
      jar.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // A value that is not valid percent-encoding is skipped, as Next skips it.
    }
  }
  return { get: (name) => (jar.has(name) ? { value: jar.get(name)! } : undefined) };
}

/** The body as UTF-8 text (invalid UTF-8 throws), or BodyTooLargeError past the cap, without reading the rest. */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(new BodyTooLargeError()));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    }));
    req.on('error', (e) => settle(() => reject(e)));
  });
}

/** The headers proxy.ts gives every route handler's answer (an API answer has nothing to load: its CSP allows nothing). */
const HEADERS: Record<string, string> = Object.fromEntries([
  ['content-security-policy', NOTHING_TO_LOAD_CSP],
  ...securityHeaders(isHttps(process.env.NEXTAUTH_URL)).map(({ key, value }) => [key.toLowerCase(), value]),
]);

function send(res: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  const headers: Record<string, string | number> = { ...HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...answer.headers };
  // A body refused part way is not read to its end: close the connection instead.
  if (answer.status === 413) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(body);
}
