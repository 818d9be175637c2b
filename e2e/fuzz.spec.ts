import crypto from 'node:crypto';
import fs from 'node:fs';
import { withTestDb } from './db';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { expect, signUp, test } from './fixtures';

/**
 * Bounded fuzz: 220 malformed requests to every route handler and every server action,
 * from a signed-in learner (so they get past sign-in), answered without a 5xx and without
 * any change to the database. Seeded, so a failure reproduces.
 */
const PER_TARGET = 220;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof rng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, n: number) => Math.floor(r() * n);

/** Text without '@', so no fuzzed value is ever a well-formed email (a sign-in attempt would be counted). */
function junk(r: Rand, max = 40): string {
  const chars = 'abcXYZ019 -_/\\%$#{}[]":,\u0000\u00e9\u2028\ud83d\ude00<>\'&;=?';
  return Array.from({ length: int(r, max) }, () => pick(r, [...chars])).join('');
}

function jsonValue(r: Rand, depth = 0): unknown {
  switch (int(r, depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return pick(r, [0, -1, 7, 1e308, -0, 3.5, 2 ** 53 + 1]);
    case 2:
      return junk(r);
    case 3:
      return pick(r, [true, false]);
    case 4:
      return pick(r, ['$undefined', '$K1', '$Q1', '$@0', '$B1', '$F1', '$1', '$$x', '$T', '$D2026']);
    case 5:
      return crypto.randomUUID();
    case 6:
      return Array.from({ length: int(r, 4) }, () => jsonValue(r, depth + 1));
    default: {
      const keys = ['id', 'itemId', 'rating', 'answer', 'durationMs', 'questionId', 'position', '__proto__', 'constructor', junk(r, 8)];
      return Object.fromEntries(Array.from({ length: int(r, 5) }, () => [pick(r, keys), jsonValue(r, depth + 1)]));
    }
  }
}

/** A body that is broken in one of many ways; never a well-formed request for the route. */
function brokenBody(r: Rand): { data: Buffer | string; type: string | null } {
  switch (int(r, 9)) {
    case 0:
      return { data: crypto.randomBytes(int(r, 300)), type: pick(r, ['application/json', 'application/octet-stream', null]) };
    case 1:
      return { data: JSON.stringify(jsonValue(r)).slice(0, int(r, 60)), type: 'application/json' };
    case 2:
      return { data: JSON.stringify(jsonValue(r)), type: 'application/json' };
    case 3:
      return { data: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), type: 'application/json; charset=utf-8' };
    case 4:
      return { data: `a=${encodeURIComponent(junk(r))}&b=1`, type: 'application/x-www-form-urlencoded' };
    case 5:
      return { data: `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${junk(r)}`, type: pick(r, ['multipart/form-data; boundary=x', 'multipart/form-data']) };
    case 6:
      return { data: JSON.stringify(jsonValue(r)), type: pick(r, ['text/plain', 'text/html', 'application/jsonx', 'application/json-patch+json']) };
    case 7:
      return { data: '', type: pick(r, ['application/json', 'text/plain']) };
    default:
      return { data: '{"a":"' + 'x'.repeat(1024 * 1024) + '"}', type: 'application/json' };
  }
}

function brokenHeaders(r: Rand, origin: string): Record<string, string> {
  return pick<Record<string, string>>(r, [
    { origin },
    { origin },
    { origin, 'sec-fetch-site': 'same-origin' },
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { origin: 'null' },
    {},
    { 'sec-fetch-site': 'same-site' },
    { origin: junk(r, 20).replace(/[^\x20-\x7e]/g, '') || 'x' },
  ]);
}

/** A hash of every table's rows, by table, so a failure names the tables that changed. */
function snapshot(): Promise<Record<string, string>> {
  return withTestDb(async (db) => {
    const out: Record<string, string> = {};
    for (const name of await db.tables()) {
      const hash = crypto.createHash('sha256');
      for (const row of await db.all(`select * from "${name}" order by rowid`)) hash.update(JSON.stringify(row));
      out[name] = hash.digest('hex');
    }
    return out;
  });
}

interface Outcome {
  label: string;
  status: number;
  /** For 5xx answers: the request, to reproduce it. */
  request?: string;
}

async function run(tasks: (() => Promise<Outcome>)[], concurrency = 6): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        out.push(await task());
      }
    }),
  );
  return out;
}

function send(api: APIRequestContext, label: string, method: string, url: string, headers: Record<string, string>, body?: { data: Buffer | string; type: string | null }) {
  return async (): Promise<Outcome> => {
    const h = { ...headers };
    if (body?.type) h['content-type'] = body.type;
    const res = await api.fetch(url, { method, headers: h, data: body?.data, maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 });
    await res.dispose();
    const status = res.status();
    const preview = typeof body?.data === 'string' ? body.data.slice(0, 300) : body?.data.toString('base64').slice(0, 300);
    return { label, status, ...(status >= 500 ? { request: `${method} ${url} ${JSON.stringify(h)} ${preview ?? ''}` } : {}) };
  };
}

/** The server actions of the build, with a page that serves each. */
function serverActions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const fill: [RegExp, string][] = [
    [/laws\/\[id\]/, 'laws/asynchronous-reality'],
    [/pillars\/\[id\]/, 'pillars/control'],
    [/paths\/\[id\]/, 'paths/beginner'],
    [/patterns\/\[slug\]/, 'patterns/timeout'],
    [/quiz\/\[id\]/, 'quiz/pattern-quiz'],
    [/teams\/join\/\[token\]/, 'teams/join/x'],
    [/teams\/\[id\]/, 'teams/00000000-0000-4000-8000-000000000000'],
  ];
  return Object.entries(manifest.node).map(([id, v]) => {
    const worker = Object.keys(v.workers).find((w) => !w.includes('attempts')) ?? Object.keys(v.workers)[0]!;
    let page = worker
      .replace(/^app\//, '/')
      .replace(/\/page$/, '')
      .replace(/\/\([^)]*\)/g, '');
    for (const [re, value] of fill) page = page.replace(re, value);
    return { id, name: v.exportedName ?? id, page: page || '/' };
  });
}

/** Argument lists a server action must refuse: anything but (state, FormData) with its own fields. */
function brokenActionArgs(r: Rand, takesFields: boolean): { field0: string; extra: [string, string][] } {
  const kind = int(r, takesFields ? 4 : 3);
  if (kind === 0) {
    const args = Array.from({ length: int(r, 4) }, () => jsonValue(r));
    // (anything, a FormData reference) is a well-formed call to an action that takes no fields,
    // a real state change (sign out everywhere, reschedule): that one is not malformed, so skip it.
    if (!takesFields && args.length >= 2 && typeof args[1] === 'string' && args[1].startsWith('$K')) args[1] = junk(r);
    return { field0: JSON.stringify(args), extra: [] };
  }
  if (kind === 1) return { field0: junk(r), extra: [] };
  if (kind === 2) {
    const value = jsonValue(r);
    const wellFormed = !takesFields && Array.isArray(value) && typeof value[1] === 'string' && value[1].startsWith('$K');
    return { field0: JSON.stringify(wellFormed ? junk(r) : value), extra: [] };
  }
  // (state, FormData) whose fields are all junk: zod refuses them before anything is written.
  const fields: [string, string][] = Array.from({ length: 1 + int(r, 5) }, () => [
    `1_${pick(r, ['email', 'password', 'currentPassword', 'newPassword', 'confirmPassword', 'action', 'ids', 'pathId', 'date', 'newPerDay', 'kind', 'sourceId', 'count', 'seconds', 'source', 'topicId', 'desiredRetention', 'timezone', 'clear', 'teamId', 'memberId', 'inviteId', 'token', 'consent', 'dueDate', 'kind', 'patterns', 'confirm', junk(r, 8)])}`,
    junk(r, 30),
  ]);
  return { field0: JSON.stringify([jsonValue(r), '$K1']), extra: fields };
}

function multipart(fields: [string, string][]): { data: string; type: string } {
  const boundary = `----fuzz${crypto.randomBytes(6).toString('hex')}`;
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`);
  return { data: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

test('fuzz: malformed requests to every route handler and server action get no 5xx and change nothing', async ({ page, baseURL }) => {
  test.setTimeout(420_000);
  await signUp(page, 'Fuzz Learner');
  const api = page.request; // carries the learner's session cookie
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const origin = baseURL!;
  const r = rng(20261126);
  const before = await snapshot();
  const tasks: (() => Promise<Outcome>)[] = [];
  const ids = () => pick(r, [crypto.randomUUID(), junk(r, 12).replace(/[/?#%]/g, '') || 'x', '00000000-0000-0000-0000-000000000000', '%E0%A4%A', '..%2F..', 'a'.repeat(300)]);

  for (let i = 0; i < PER_TARGET; i++) {
    tasks.push(send(api, 'POST /api/reviews', 'POST', '/api/reviews', brokenHeaders(r, origin), brokenBody(r)));
    tasks.push(send(api, 'DELETE /api/reviews/[id]', 'DELETE', `/api/reviews/${ids()}`, brokenHeaders(r, origin), r() < 0.5 ? brokenBody(r) : undefined));
    tasks.push(send(api, 'POST answers', 'POST', `/api/quiz/attempts/${ids()}/answers`, brokenHeaders(r, origin), brokenBody(r)));
    tasks.push(send(api, 'POST finish', 'POST', `/api/quiz/attempts/${ids()}/finish`, brokenHeaders(r, origin), r() < 0.5 ? brokenBody(r) : undefined));
    tasks.push(send(api, 'GET /api/export', pick(r, ['GET', 'HEAD', 'POST', 'PUT']), `/api/export?${encodeURIComponent(junk(r))}`, { 'sec-fetch-site': pick(r, ['cross-site', 'same-site']) }));
    // A well-formed start would be a real run: only broken ones (a body, another origin, no origin).
    tasks.push(
      send(api, 'POST /api/optimizer', pick(r, ['POST', 'PUT', 'DELETE']), '/api/optimizer', r() < 0.5 ? { origin } : brokenHeaders(r, origin), { ...brokenBody(r), data: brokenBody(r).data || 'x' }),
    );
    tasks.push(send(api, 'GET /api/optimizer/[id]', pick(r, ['GET', 'POST']), `/api/optimizer/${ids()}`, brokenHeaders(r, origin), r() < 0.3 ? brokenBody(r) : undefined));
    tasks.push(send(api, 'POST /api/restore', pick(r, ['POST', 'PUT']), `/api/restore?settings=${encodeURIComponent(junk(r, 4))}`, brokenHeaders(r, origin), brokenBody(r)));
    tasks.push(send(api, 'GET /api/restore/[id]', pick(r, ['GET', 'POST']), `/api/restore/${ids()}`, brokenHeaders(r, origin), r() < 0.3 ? brokenBody(r) : undefined));
    tasks.push(send(api, 'GET /api/export/anki', pick(r, ['GET', 'POST']), `/api/export/anki?schedule=${encodeURIComponent(junk(r, 6))}`, { 'sec-fetch-site': pick(r, ['cross-site', 'same-site']) }));
    tasks.push(send(api, 'GET /api/export/reviews', pick(r, ['GET', 'POST', 'PUT']), `/api/export/reviews?${encodeURIComponent(junk(r))}`, { 'sec-fetch-site': pick(r, ['cross-site', 'same-site']) }));
    tasks.push(send(api, 'GET /api/search', pick(r, ['GET', 'POST', 'PUT']), `/api/search?q=${encodeURIComponent(junk(r, 300))}&limit=${encodeURIComponent(junk(r, 4))}`, brokenHeaders(r, origin), r() < 0.3 ? brokenBody(r) : undefined));
    tasks.push(
      send(api, 'GET /api/teams/[id]/report', pick(r, ['GET', 'HEAD', 'POST', 'DELETE']), `/api/teams/${ids()}/report?${encodeURIComponent(junk(r))}`, brokenHeaders(r, origin), r() < 0.3 ? brokenBody(r) : undefined),
    );
    tasks.push(send(api, 'POST /api/review/items', pick(r, ['POST', 'GET', 'PUT']), '/api/review/items', brokenHeaders(r, origin), brokenBody(r)));
    // A well-formed sign-out would end the fuzzing session: only refused ones (another site, no origin, other methods).
    tasks.push(
      send(api, 'POST /api/sign-out', pick(r, ['POST', 'GET', 'PUT', 'DELETE']), '/api/sign-out', { 'sec-fetch-site': pick(r, ['cross-site', 'same-site']), origin: 'https://evil.example' }, r() < 0.5 ? brokenBody(r) : undefined),
    );
    tasks.push(send(api, 'GET /api/health', pick(r, ['GET', 'POST', 'DELETE']), `/api/health?${encodeURIComponent(junk(r))}`, brokenHeaders(r, origin), r() < 0.3 ? brokenBody(r) : undefined));
    const authPath = pick(r, ['signin', 'callback/credentials', 'signout', 'session', 'csrf', 'providers', 'error', 'signin/credentials', junk(r, 10).replace(/[?#%]/g, '') || 'x']);
    const cb = pick(r, ['javascript:alert(1)', '//evil.example', '/\\evil.example', 'https://evil.example', junk(r), '%', 'foo']);
    tasks.push(
      send(anonymous, 'GET /api/auth/*', 'GET', `/api/auth/${authPath}?callbackUrl=${encodeURIComponent(cb)}&error=${encodeURIComponent(junk(r))}`, brokenHeaders(r, origin)),
    );
    tasks.push(
      send(anonymous, 'POST /api/auth/*', 'POST', `/api/auth/${authPath}`, brokenHeaders(r, origin), {
        data: `email=${encodeURIComponent(junk(r))}&password=${encodeURIComponent(junk(r))}&csrfToken=${encodeURIComponent(junk(r))}&callbackUrl=${encodeURIComponent(cb)}&json=true`,
        type: pick(r, ['application/x-www-form-urlencoded', 'application/json', 'text/plain']),
      }),
    );
  }

  const actions = serverActions();
  expect(actions.length).toBeGreaterThanOrEqual(12);
  // These take no fields: a FormData of any content is a well-formed request to them.
  const noFields = new Set(['signOutEverywhereAction', 'rescheduleAction', 'skipFirstRunAction']);
  for (const action of actions) {
    for (let i = 0; i < PER_TARGET; i++) {
      const { field0, extra } = brokenActionArgs(r, !noFields.has(action.name));
      const kind = int(r, 10);
      let body: { data: Buffer | string; type: string | null };
      let headers: Record<string, string> = { origin, 'next-action': action.id };
      if (kind === 0) body = { data: field0, type: 'text/plain;charset=UTF-8' };
      else if (kind === 1) body = brokenBody(r);
      else if (kind === 2) headers = { ...brokenHeaders(r, origin), 'next-action': pick(r, [action.id, junk(r, 50).replace(/[^\x20-\x7e]/g, ''), action.id.slice(0, 20), '0'.repeat(42)]) };
      else if (kind === 3) {
        // No-JavaScript form posts with broken action fields.
        headers = { origin };
        body = multipart([
          [pick(r, [`$ACTION_ID_${action.id}`, '$ACTION_REF_1', '$ACTION_1:0', `$ACTION_${junk(r, 6)}`]), junk(r)],
          ['$ACTION_1:0', pick(r, [junk(r), '{"id":"' + action.id + '","bound":"$@9"}', '{"id":1}', '[]'])],
          ['$ACTION_1:1', JSON.stringify(jsonValue(r))],
        ]);
      }
      body ??= multipart([['0', field0], ...extra]);
      tasks.push(send(api, `action ${action.name}`, 'POST', action.page, headers, body));
    }
  }

  const outcomes = await run(tasks);
  await anonymous.dispose();
  const byLabel = new Map<string, { n: number; codes: Map<number, number> }>();
  for (const o of outcomes) {
    const e = byLabel.get(o.label) ?? { n: 0, codes: new Map() };
    e.n += 1;
    e.codes.set(o.status, (e.codes.get(o.status) ?? 0) + 1);
    byLabel.set(o.label, e);
  }
  console.log(
    [...byLabel.entries()].map(([label, e]) => `${label}: ${e.n} requests, ${[...e.codes.entries()].sort().map(([c, n]) => `${c}×${n}`).join(' ')}`).join('\n'),
  );
  for (const [label, e] of byLabel) expect(e.n, label).toBeGreaterThanOrEqual(200);
  const serverErrors = outcomes.filter((o) => o.status >= 500);
  expect(serverErrors, JSON.stringify(serverErrors.slice(0, 10))).toEqual([]);
  const after = await snapshot();
  expect(
    Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]),
    'tables whose rows changed',
  ).toEqual([]);
  // The learner is still signed in: nothing malformed signed them out.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
});
