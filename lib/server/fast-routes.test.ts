import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authOptions } from '@/lib/auth/options';
import { getLibrary } from '@/lib/content';
import { eq } from 'drizzle-orm';
import { markLessonRead } from '@/lib/db/reviews';
import { reviewLogs } from '@/lib/db/tables';
import type { Db } from '@/lib/db/client';
import { readCappedText } from '@/lib/security/origin';
import { answerGrade } from '@/lib/study/grade-request';
import { freshDb } from '@/test/db-fixture';
import { cookieJar, FAST_ROUTES, registerFastRoutes, serve, serves, type FastRoutes } from './fast-routes';

/**
 * The grading fast path (docs/decisions/019) against a real http server and a fresh database:
 * it answers what the route handler's function answers for the same request, good or bad.
 */
const globalForDb = globalThis as unknown as { patternwiseDb?: Db };
let ctx: Awaited<ReturnType<typeof freshDb>>;
let server: http.Server;
let base: string;
let cookie: string;
let userId: string;
const itemId = () => getLibrary().topics.get('timeout')!.cards[0]!.id;

beforeEach(async () => {
  ctx = await freshDb();
  // answerGrade uses the app's database, db(): this test's.
  globalForDb.patternwiseDb = ctx.reader;
  userId = await ctx.learner();
  await markLessonRead(ctx.db, userId, 'timeout', new Date(Date.now() - 60_000));
  cookie = `other=1; next-auth.session-token=${await encode({ token: { sub: userId }, secret: authOptions.secret! })}`;
  server = http.createServer((req, res) => {
    if (serves(req)) void serve(req, res);
    else res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  delete globalForDb.patternwiseDb;
  await ctx.cleanup();
});

/** A request: headers over the review screen's own (null leaves one out), and a body. */
type Case = { headers?: Record<string, string | null>; body?: string | Uint8Array<ArrayBuffer> };

function headersOf(c: Case): Record<string, string> {
  const all: Record<string, string | null> = { 'content-type': 'application/json', origin: base, cookie, ...c.headers };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null));
}

/** Through the fast path, over HTTP. */
async function viaFastPath(c: Case) {
  const response = await fetch(`${base}/api/reviews`, { method: 'POST', headers: headersOf(c), body: c.body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** Through the function the route handler calls, with a web Request. */
async function viaRouteHandler(c: Case) {
  const request = new Request(`${base}/api/reviews`, { method: 'POST', headers: headersOf(c), body: c.body });
  const token = cookieJar(request.headers.get('cookie') ?? undefined).get('next-auth.session-token')?.value ?? null;
  const answer = await answerGrade(request, token, () => readCappedText(request));
  return { status: answer.status, body: JSON.parse(JSON.stringify(answer.body)) as Record<string, unknown> };
}

const logs = () => ctx.reader.select().from(reviewLogs).where(eq(reviewLogs.userId, userId));
const grade = (fields: Record<string, unknown> = {}) => JSON.stringify({ id: crypto.randomUUID(), itemId: itemId(), rating: 3, durationMs: 1200, ...fields });

describe('the grading fast path', () => {
  it('records a grade once: 201 with the card, then 409 for the retried submit, one review stored', async () => {
    const body = grade();
    const first = await viaFastPath({ body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: JSON.parse(body).id, correct: null, card: expect.objectContaining({ reps: 1 }) });
    const again = await viaFastPath({ body });
    expect(again).toMatchObject({ status: 409, body: { error: 'This review was already recorded; nothing changed.' } });
    expect(await logs()).toHaveLength(1);
  });

  it('answers as the route handler does, with the security headers', async () => {
    const a = await viaFastPath({ body: grade() });
    const b = await viaRouteHandler({ body: grade() });
    expect(a.status).toBe(b.status);
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
    expect(a.headers.get('content-type')).toBe('application/json');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  const refused: [string, Case, number, string][] = [
    ['no session', { headers: { cookie: 'other=1' }, body: grade() }, 401, 'Sign in to record reviews.'],
    ['a forged session', { headers: { cookie: 'next-auth.session-token=not-a-token' }, body: grade() }, 401, 'Sign in to record reviews.'],
    ['another site', { headers: { origin: 'https://evil.example' }, body: grade() }, 403, 'This request came from another site and was refused.'],
    ['a cross-site fetch', { headers: { 'sec-fetch-site': 'cross-site' }, body: grade() }, 403, 'This request came from another site and was refused.'],
    ['no origin at all', { headers: { origin: null }, body: grade() }, 403, 'State-changing requests must come from the app (no Origin header).'],
    ['a body that is not JSON', { body: '{"id":' }, 400, 'The request body must be JSON.'],
    ['a body that is not UTF-8', { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }, 400, 'The request body must be JSON.'],
    ['a rating out of range', { body: grade({ rating: 7 }) }, 400, 'rating must be from 1 (Again) to 4 (Easy)'],
    ['an id that is not a UUID', { body: grade({ id: 'not-a-uuid' }) }, 400, 'id must be a UUID generated by the client for this review'],
    ['an unknown card', { body: grade({ itemId: 'no-such-card-anywhere' }) }, 404, ''],
    ['a card whose lesson is unread', { body: grade({ itemId: getLibrary().topics.get('saga')!.cards[0]!.id }) }, 409, ''],
  ];
  for (const [name, c, status, message] of refused) {
    it(`refuses ${name} with ${status}, as the route handler does, and records nothing`, async () => {
      const a = await viaFastPath(c);
      const b = await viaRouteHandler(c);
      expect(a.status).toBe(status);
      if (message) expect(a.body.error).toBe(message);
      else expect(a.body.error).toEqual(expect.any(String));
      expect(a.body).toEqual(b.body);
      expect(b.status).toBe(status);
      expect(await logs()).toHaveLength(0);
    });
  }

  it('refuses a body over 1 MB with 413, declared or not, without reading it all', async () => {
    const declared = await rawPost({ 'content-length': String(2 * 1024 * 1024) }, []);
    expect(declared).toEqual({ status: 413, body: { error: 'The request body is larger than 1 MB.' } });
    // Chunked, so the size is only known while reading: 1.5 MB sent in 64 KB pieces.
    const chunked = await rawPost({ 'transfer-encoding': 'chunked' }, Array.from({ length: 24 }, () => Buffer.alloc(64 * 1024, 0x20)));
    expect(chunked).toEqual({ status: 413, body: { error: 'The request body is larger than 1 MB.' } });
    expect(await logs()).toHaveLength(0);
  });

  it('takes only a JSON POST to exactly /api/reviews that is not a server action', () => {
    const req = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as unknown as http.IncomingMessage;
    const json = { 'content-type': 'application/json; charset=utf-8' };
    expect(serves(req('POST', '/api/reviews', json))).toBe(true);
    expect(serves(req('GET', '/api/reviews', json))).toBe(false);
    expect(serves(req('DELETE', '/api/reviews/abc', json))).toBe(false);
    expect(serves(req('POST', '/api/reviews?x=1', json))).toBe(false);
    expect(serves(req('POST', '/api/reviews/', json))).toBe(false);
    expect(serves(req('POST', '/api/reviews', { 'content-type': 'text/plain' }))).toBe(false);
    expect(serves(req('POST', '/api/reviews', {}))).toBe(false);
    expect(serves(req('POST', '/api/reviews', { ...json, 'next-action': 'abc' }))).toBe(false);
  });

  it('reads cookies as Next does: URI-decoded, the last of a name wins, bad encodings skipped', () => {
    const jar = cookieJar('a=1; b=x%20y;c=%E0%A4%A; a=2; flag');
    expect(jar.get('a')?.value).toBe('2');
    expect(jar.get('b')?.value).toBe('x y');
    expect(jar.get('c')).toBeUndefined();
    expect(jar.get('flag')?.value).toBe('true');
    expect(cookieJar(undefined).get('a')).toBeUndefined();
  });

  it('is registered for the server process by instrumentation', () => {
    registerFastRoutes();
    const registered = (globalThis as unknown as Record<symbol, FastRoutes | undefined>)[FAST_ROUTES];
    expect(registered?.serves).toBe(serves);
    expect(registered?.serve).toBe(serve);
  });
});

/**
 * A POST sent piece by piece with the given headers: the answer, read even when the server
 * answered before taking the whole body (and then closed the connection under the upload).
 */
function rawPost(headers: Record<string, string>, pieces: Buffer[]): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(`${base}/api/reviews`, { method: 'POST', headers: { ...headersOf({}), ...headers } }, (response) => {
      answered = true;
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
    });
    request.on('error', (e) => {
      if (!answered) reject(e);
    });
    // A declared length with nothing sent: the server must answer from the header alone.
    if (pieces.length === 0) {
      request.flushHeaders();
      return;
    }
    for (const piece of pieces) request.write(piece);
    request.end();
  });
}
