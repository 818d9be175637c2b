/**
 * `npm run bench -- http`: the production server under load, beside the framework's floor.
 * Builds (unless `--no-build`), starts `npm start` on a fresh database in a temporary folder
 * (one server process per core, or `WEB_CONCURRENCY`), seeds learners through the app's own
 * code, signs them in over HTTP, then, three times: the health route and grading (50
 * connections, one learner each) with autocannon, reading the server processes' CPU time
 * from /proc before and after each; the pages' TTFB and size; the in-process grading
 * transaction and the session check. Prints one table beside the targets.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { encode, decode } from 'next-auth/jwt';
import { hashPassword } from '../lib/auth/password';
import { decodeToken } from '../lib/auth/jwt';
import { readLibrary, type Library } from '../lib/content/load';
import { closeDatabase, openDatabase, unsynced, type Db } from '../lib/db/client';
import { raw } from '../lib/db/prepared';
import { transaction } from '../lib/db/tx';
import { applyMigrations } from '../lib/db/migrate';
import { markLessonRead, pullForward } from '../lib/db/reviews';
import { userSettings } from '../lib/db/tables';
import { currentSessionUser, sessionIsCurrent } from '../lib/db/sessions';
import { createUser, getUser } from '../lib/db/users';
import { newCard } from '../lib/srs/scheduler';
import { groupCommit } from '../lib/db/group-commit';
import { gradeItem } from '../lib/study/review';

export const LEARNERS = 50;
const PASSWORD = 'bench-learner-password-2026';
const GRADE_SECONDS = 10;
const HEALTH_SECONDS = 5;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export interface Figure {
  name: string;
  target: string;
  unit: string;
  runs: number[];
  /** Whether a value meets the target (undefined: no target, shown for context). */
  meets?: (v: number) => boolean;
  digits?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

/** Prints the figures as one table: every run, the median, and whether the median meets the target. */
export function printTable(figures: Figure[]) {
  const rows = figures.map((f) => {
    const d = f.digits ?? 1;
    const m = median(f.runs);
    const verdict = f.meets ? (f.meets(m) ? 'met' : 'NOT MET') : '';
    return [f.name, f.target, f.runs.map((v) => v.toFixed(d)).join(' / '), `${m.toFixed(d)} ${f.unit}`.trim(), verdict];
  });
  const head = ['figure', 'target', 'runs', 'median', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** CPU time (user + system, ms) and resident memory (MB) of a process and its children, from /proc. */
export function processTree(rootPid: number): number[] {
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === pids[i] && !pids.includes(Number(entry))) pids.push(Number(entry));
      } catch {
        // the process ended meanwhile
      }
    }
  }
  return pids;
}

const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100);

export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat (11 and 12 after the command).
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks * TICK_MS;
}

function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** One HTTP request, its whole answer and its timings; a new connection unless `agent` is given. */
export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; ttfbMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: init.agent ?? false }, (res) => {
      const ttfbMs = performance.now() - t0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ttfbMs, totalMs: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

const setCookies = (h: http.IncomingHttpHeaders) => (h['set-cookie'] ?? []).map((c) => c.split(';')[0]!);

/** Signs in over HTTP as a browser would (CSRF token, then the credentials form) and returns the cookie header. */
export async function signIn(base: string, email: string): Promise<string> {
  const csrf = await request(`${base}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken: string };
  const jar = setCookies(csrf.headers);
  const form = new URLSearchParams({ email, password: PASSWORD, csrfToken, json: 'true' }).toString();
  const res = await request(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; '), origin: base, 'content-length': String(Buffer.byteLength(form)) },
    body: form,
  });
  const session = setCookies(res.headers).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`bench: sign-in of ${email} failed (${res.status})`);
  return session;
}

/**
 * Learners for the load, through the app's own code: one learner reads every lesson and has
 * every card graded once, on days in the past, so 1,000 cards are in review and due now; the
 * others get copies of that learner's states (SQL, for speed). One more learner has 10,000
 * reviews over the last year with 1,000 cards due, for the pages. Automatic optimizer runs
 * are off for them all, so no fit runs during the measurement. Either engine.
 */
export async function seed(db: Db, library: Library): Promise<{ graders: { email: string; id: string }[]; pages: { email: string; id: string }; items: string[] }> {
  const { graders, items, make, gradeAll } = await seedGraders(db, library, LEARNERS);
  // 10,000 reviews over the last year: every item ten times, rounds 36 days apart, each round's
  // reviews spread over three weeks (one every 30 minutes), then every card due now.
  const now = Date.now();
  const pages = await make('pages@bench.local');
  await unsynced(db, async () => {
    for (let round = 0; round < 10; round++) {
      const start = now - (365 - round * 36) * 86_400_000;
      await gradeAll(pages.id, (i) => new Date(start + i * 30 * 60_000), `${pages.id}:${round}`);
    }
    await transaction(db, (tx) => pullForward(tx, pages.id, items.map(([itemId, e]) => ({ itemId, topicId: e.topic.id })), new Date(now - 60_000), newCard));
  });
  return { graders, pages, items: cardsOf(items) };
}

/**
 * `count` learners (grader0@bench.local …, password PASSWORD) with every lesson read and the
 * first 1,000 items in review and due now (see seed); `items` are those items.
 */
export async function seedGraders(db: Db, library: Library, count: number) {
  const passwordHash = await hashPassword(PASSWORD);
  const now = Date.now();
  const items = [...library.items.entries()].slice(0, 1000);
  const gradeAll = async (userId: string, at: (i: number) => Date, salt: string) => {
    for (const [i, [itemId, e]] of items.entries()) {
      const id = crypto.createHash('sha256').update(`${salt}:${i}`).digest('hex');
      const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20, 32)}`;
      const correct = e.question?.options.findIndex((o) => o.correct) ?? -1;
      await gradeItem(db, library, userId, e.kind === 'card' ? { id: uuid, itemId, rating: 4, durationMs: 4000 } : { id: uuid, itemId, answer: correct, durationMs: 4000 }, at(i));
    }
  };
  const make = async (email: string) => {
    const user = await createUser(db, { email, passwordHash });
    await transaction(db, (tx) => tx.update(userSettings).set({ autoOptimize: false, maxReviewsPerDay: 9999 }).where(eq(userSettings.userId, user.id)));
    for (const t of library.topics.values()) await markLessonRead(db, user.id, t.id, new Date(now - 400 * 86_400_000));
    return { email, id: user.id };
  };
  const graders = await unsynced(db, async () => {
    const template = await make('grader0@bench.local');
    await gradeAll(template.id, () => new Date(now - 60 * 86_400_000), template.id);
    await transaction(db, (tx) => pullForward(tx, template.id, items.map(([itemId, e]) => ({ itemId, topicId: e.topic.id })), new Date(now - 60_000), newCard));
    const all = [template];
    const columns = `item_id, topic_id, kind, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state,
      last_review, suspended, buried_until, reset_at, created_at, updated_at`;
    for (let i = 1; i < count; i++) {
      const g = await make(`grader${i}@bench.local`);
      await transaction(db, (tx) => raw(tx).run(`insert into card_states (user_id, ${columns}) select ?, ${columns} from card_states where user_id = ?`, g.id, template.id));
      all.push(g);
    }
    return all;
  });
  return { graders, items, cards: cardsOf(items), make, gradeAll };
}

const cardsOf = (items: [string, { kind: string }][]) => items.filter(([, e]) => e.kind === 'card').map(([id]) => id);

/**
 * Starts one `npm start` per entry of `concurrency` (its WEB_CONCURRENCY; undefined: the
 * default) on the database at `location`, each on a port of its own with one shared
 * NEXTAUTH_SECRET, adding them to `servers` (so the caller stops them whatever happens), and
 * waits until every one answers; if one does not, prints the end of each log and throws.
 */
export async function startAppServers(servers: AppServer[], location: string, concurrency: (number | undefined)[], log: (i: number) => string): Promise<void> {
  const secret = crypto.randomBytes(32).toString('base64url');
  const started: AppServer[] = [];
  for (const [i, count] of concurrency.entries()) {
    const port = await freePort();
    const env = { DATABASE_URL: location, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: `http://localhost:${port}`, WEB_CONCURRENCY: count === undefined ? undefined : String(count) };
    started.push(startAppServer(port, env, log(i)));
  }
  servers.push(...started);
  try {
    await Promise.all(started.map((s) => waitForHealth(s.base, s.process)));
  } catch (e) {
    for (const s of started) printLogTail(s);
    throw e;
  }
}

function printLogTail(server: AppServer): void {
  console.error(`--- ${path.basename(server.log)} ---\n${fs.readFileSync(server.log, 'utf8').trim().split('\n').slice(-25).join('\n')}`);
}

/** Signs the learners in over HTTP, dealt out over the servers in turn: their session cookies, in order. */
export async function signInAll(servers: { base: string }[], learners: { email: string }[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const [i, learner] of learners.entries()) cookies.push(await signIn(servers[i % servers.length]!.base, learner.email));
  return cookies;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(base: string, server: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('bench: the server exited while starting');
    try {
      if ((await request(`${base}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('bench: the server did not become healthy');
}

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * The grading load: LEARNERS connections, one learner each (cookies[i]), each grading the
 * items in turn with a new review id every time, for `duration` seconds. With several base
 * URLs the connections are shared out among them in turn (connection i goes to bases[i % n]),
 * as a load balancer spreads connections; each request's Origin is its own server's.
 */
export function gradeLoad(bases: string[], cookies: string[], items: string[], duration: number, connections = LEARNERS): Promise<autocannon.Result> {
  let next = 0;
  return cannon({
    // autocannon takes several URLs (connection i to url i % n); its types say one string.
    url: (bases.length === 1 ? `${bases[0]}/api/reviews` : bases.map((b) => `${b}/api/reviews`)) as string,
    connections,
    duration,
    setupClient: (client) => {
      const learner = next++ % connections;
      const origin = (client as unknown as { opts: { origin: string } }).opts.origin;
      let n = 0;
      client.setRequests([
        {
          method: 'POST',
          path: '/api/reviews',
          setupRequest: (req) => ({
            ...req,
            method: 'POST',
            headers: { 'content-type': 'application/json', origin, cookie: cookies[learner % cookies.length]! },
            body: JSON.stringify({ id: crypto.randomUUID(), itemId: items[(++n * 7 + learner) % items.length], rating: 3, durationMs: 3000 }),
          }),
        },
      ]);
    },
  });
}

export interface AppServer {
  base: string;
  port: number;
  process: ChildProcess;
  log: string;
  /** SIGTERM to the server's process group, SIGKILL after 5 s; resolves once it is gone. Safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * Starts `node scripts/start.mjs` (migrate, seed, serve) on `port` in its own process group,
 * its output to `log`; env adds to (or, when undefined, removes from) this process's.
 */
export function startAppServer(
  port: number,
  env: Record<string, string | undefined>,
  log: string,
  options: { nodeArgs?: string[]; graceMs?: number } = {},
): AppServer {
  const out = fs.openSync(log, 'a');
  const merged: Record<string, string | undefined> = { ...process.env, ...env, PORT: String(port) };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'scripts/start.mjs'], { env: merged as NodeJS.ProcessEnv, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone
    }
  };
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      signal('SIGTERM');
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), options.graceMs ?? 5000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') signal('SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      // A server process may outlive start.mjs for a moment: the rest of the group too.
      signal('SIGKILL');
    })());
  return { base: `http://localhost:${port}`, port, process: child, log, stop };
}

/** Grades per second in-process: gradeItem, one transaction each, synchronous=FULL, on a file database. */
export async function inProcessGrades(library: Library, n = 2000): Promise<{ perSecond: number; msPerGrade: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  await applyMigrations(db);
  const user = (await createUser(db, { email: 'grades@bench.local', passwordHash: 'x' })).id;
  const start = new Date();
  for (const topic of library.topics.values()) await markLessonRead(db, user, topic.id, start);
  const cards = [...library.items.entries()].filter(([, e]) => e.kind === 'card').map(([id]) => id);
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    await gradeItem(db, library, user, { id: crypto.randomUUID(), itemId: cards[i % cards.length]!, rating: 3, durationMs: 0 }, new Date(start.getTime() + i * 60_000));
  }
  const ms = performance.now() - t;
  await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
  return { perSecond: (n * 1000) / ms, msPerGrade: ms / n };
}

/**
 * Grades per second in-process through the group commit (gradeItem): LEARNERS learners each
 * grading in turn, one grade in flight each, as the HTTP run sends them; synchronous=FULL.
 * Also the mean number of grades per transaction.
 */
export async function inProcessGroupCommit(library: Library, n = 5000): Promise<{ perSecond: number; perBatch: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  await applyMigrations(db);
  const start = new Date();
  const users: string[] = [];
  for (let i = 0; i < LEARNERS; i++) users.push((await createUser(db, { email: `group${i}@bench.local`, passwordHash: 'x' })).id);
  for (const u of users) for (const topic of library.topics.values()) await markLessonRead(db, u, topic.id, start);
  const cards = [...library.items.entries()].filter(([, e]) => e.kind === 'card').map(([id]) => id);
  const g = groupCommit(db);
  const before = { ...g.stats };
  let sent = 0;
  const t = performance.now();
  await Promise.all(
    users.map(async (u, i) => {
      for (let k = 0; sent < n; k++) {
        sent += 1;
        await gradeItem(db, library, u, { id: crypto.randomUUID(), itemId: cards[(k * 7 + i) % cards.length]!, rating: 3, durationMs: 0 }, new Date(start.getTime() + k * 60_000));
      }
    }),
  );
  const ms = performance.now() - t;
  const writes = g.stats.writes - before.writes;
  const perBatch = writes / (g.stats.batches - before.batches);
  await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
  return { perSecond: (writes * 1000) / ms, perBatch };
}

/** The session check in-process, µs per request: decode + user/version/revocation lookup, now and as next-auth did it. */
async function sessionCheck(db: Db, userId: string): Promise<{ now: number; before: number }> {
  const secret = crypto.randomBytes(32).toString('base64url');
  const token = await encode({ token: { sub: userId, sv: 0, sid: crypto.randomUUID() }, secret });
  const time = async (n: number, f: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await f();
    const t = performance.now();
    for (let i = 0; i < n; i++) await f();
    return ((performance.now() - t) * 1000) / n;
  };
  const now = await time(5000, async () => {
    const claims = await decodeToken({ token, secret });
    if (!await currentSessionUser(db, claims!.sub!, { sv: claims!.sv, sid: claims!.sid })) throw new Error('bench: session check failed');
  });
  const before = await time(2000, async () => {
    const claims = await decode({ token, secret });
    const user = await getUser(db, claims!.sub!);
    if (!user || !await sessionIsCurrent(db, user, { sv: claims!.sv, sid: claims!.sid })) throw new Error('bench: session check failed');
  });
  return { now, before };
}

/** Sum of the gzip sizes (level 9) of the scripts a page loads on first visit (its <script src> tags). */
async function firstLoadJsKb(base: string, html: string): Promise<number> {
  // Browsers that run modules skip `noModule` scripts (the legacy polyfills): not loaded.
  const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)].filter((m) => !/\snomodule/i.test(m[0]));
  const srcs = [...new Set(tags.map((m) => m[1]!.replace(/&amp;/g, '&')))];
  let bytes = 0;
  for (const src of srcs) {
    const res = await request(new URL(src, base).toString());
    bytes += zlib.gzipSync(res.body, { level: 9 }).length;
  }
  return bytes / 1024;
}

async function pageFigures(base: string, cookie: string, pagePath: string, n = 15) {
  const ttfb: number[] = [];
  let size = 0;
  let html = '';
  for (let i = 0; i < n + 2; i++) {
    const res = await request(`${base}${pagePath}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`bench: ${pagePath} answered ${res.status}`);
    if (i >= 2) ttfb.push(res.ttfbMs);
    size = res.body.length;
    html = res.body.toString();
  }
  return { ttfbP50: median(ttfb), kb: size / 1024, html };
}

let built = false;

/** Builds the production server once per benchmark run when asked (`build`), or when there is no build yet. */
export function ensureBuilt(build: boolean, label: string): void {
  if (built || (!build && fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID')))) return;
  console.log(`${label}: building the production server (next build)…`);
  const r = spawnSync(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('bench: next build failed');
  built = true;
}

export async function benchHttp(options: { build: boolean; queueMs?: number[] }): Promise<Figure[]> {
  ensureBuilt(options.build, 'http');
  const { library } = readLibrary(path.resolve('content'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-http-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  await applyMigrations(db);
  let t = performance.now();
  const seeded = await seed(db, library);
  console.log(`http: seeded ${LEARNERS} learners with 1,000 due cards each and one with 10,000 reviews in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // BENCH_PORT: a fixed port (on a shared machine, the one you were given); else any free one.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const base = `http://localhost:${port}`;
  const workers = process.env.WEB_CONCURRENCY ?? String(os.availableParallelism());
  // BENCH_CPU_PROF=<folder>: a V8 CPU profile of every server process (cluster workers inherit
  // the flags), written when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const server = startAppServer(
    port,
    { DATABASE_URL: file, NEXTAUTH_URL: base, NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url'), WEB_CONCURRENCY: workers },
    path.join(dir, 'server.log'),
    // A CPU profile takes a few seconds to write at exit.
    { nodeArgs: profile, graceMs: process.env.BENCH_CPU_PROF ? 15_000 : 5000 },
  );
  const figures: Figure[] = [];
  try {
    try {
      await waitForHealth(base, server.process);
    } catch (e) {
      printLogTail(server);
      throw e;
    }
    const pids = processTree(server.process.pid!);
    console.log(`http: server up on ${base}: ${pids.length - 1} server process(es) under npm start (WEB_CONCURRENCY=${workers})`);
    t = performance.now();
    const cookies: string[] = [];
    for (const g of seeded.graders) cookies.push(await signIn(base, g.email));
    const pagesCookie = await signIn(base, seeded.pages.email);
    console.log(`http: signed in ${cookies.length + 1} learners over HTTP in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const grade = (duration: number) => gradeLoad([base], cookies, seeded.items, duration);
    const health = (duration: number) => cannon({ url: `${base}/api/health`, connections: LEARNERS, duration });
    // Warm up: route modules load and the JIT settles.
    await health(2);
    await grade(3);
    await pageFigures(base, pagesCookie, '/review', 2);
    await pageFigures(base, pagesCookie, '/dashboard', 2);

    const f = {
      rate: [] as number[],
      p50: [] as number[],
      p99: [] as number[],
      errors: [] as number[],
      cpuGrade: [] as number[],
      cpuHealth: [] as number[],
      cpuRatio: [] as number[],
      inProcess: [] as number[],
      inProcessMs: [] as number[],
      grouped: [] as number[],
      perBatch: [] as number[],
      httpRatio: [] as number[],
      rss: [] as number[],
      reviewKb: [] as number[],
      reviewTtfb: [] as number[],
      js: [] as number[],
      dashboardTtfb: [] as number[],
      session: [] as number[],
      sessionBefore: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      const live = processTree(server.process.pid!);
      let cpu0 = cpuMs(live);
      const h = await health(HEALTH_SECONDS);
      const healthCpu = (cpuMs(live) - cpu0) / h.requests.total;
      cpu0 = cpuMs(live);
      const g = await grade(GRADE_SECONDS);
      const gradeCpu = (cpuMs(live) - cpu0) / g.requests.total;
      const rate = g.requests.total / GRADE_SECONDS;
      f.rate.push(rate);
      f.p50.push(g.latency.p50);
      f.p99.push(g.latency.p99);
      f.errors.push(g.errors + g.timeouts + g.non2xx);
      f.cpuGrade.push(gradeCpu);
      f.cpuHealth.push(healthCpu);
      f.cpuRatio.push(gradeCpu / healthCpu);
      f.rss.push(rssMb(live));
      const review = await pageFigures(base, pagesCookie, '/review');
      f.reviewKb.push(review.kb);
      f.reviewTtfb.push(review.ttfbP50);
      f.js.push(await firstLoadJsKb(base, review.html));
      f.dashboardTtfb.push((await pageFigures(base, pagesCookie, '/dashboard')).ttfbP50);
      const inProc = await inProcessGrades(library);
      f.inProcess.push(inProc.perSecond);
      f.inProcessMs.push(inProc.msPerGrade);
      const grouped = await inProcessGroupCommit(library);
      f.grouped.push(grouped.perSecond);
      f.perBatch.push(grouped.perBatch);
      f.httpRatio.push(rate / inProc.perSecond);
      const s = await sessionCheck(db, seeded.pages.id);
      f.session.push(s.now);
      f.sessionBefore.push(s.before);
      console.log(
        `http: run ${round + 1}: ${Math.round(rate)} grades/s, p50 ${g.latency.p50} ms, p99 ${g.latency.p99} ms, ${g.non2xx} non-2xx, ${g.errors} errors; ` +
          `CPU ${gradeCpu.toFixed(2)} ms/grade, ${healthCpu.toFixed(2)} ms/health; health ${Math.round(h.requests.total / HEALTH_SECONDS)} req/s`,
      );
    }
    const lower = (limit: number) => (v: number) => v <= limit;
    const higher = (limit: number) => (v: number) => v >= limit;
    figures.push(
      { name: 'grades/s over HTTP (50 learners, 50 connections)', target: '≥ 1,500', unit: '/s', runs: f.rate, meets: higher(1500), digits: 0 },
      { name: 'grade latency p50', target: '', unit: 'ms', runs: f.p50, digits: 0 },
      { name: 'grade latency p99', target: '≤ 50 ms', unit: 'ms', runs: f.p99, meets: lower(50), digits: 0 },
      { name: 'errors and non-2xx answers', target: '0', unit: '', runs: f.errors, meets: (v) => v === 0, digits: 0 },
      { name: 'server CPU per grade', target: '≤ 1.0 ms', unit: 'ms', runs: f.cpuGrade, meets: lower(1), digits: 2 },
      { name: 'server CPU per health request', target: '(floor)', unit: 'ms', runs: f.cpuHealth, digits: 2 },
      { name: 'CPU per grade ÷ CPU per health', target: '', unit: '×', runs: f.cpuRatio, digits: 2 },
      { name: 'in-process grades/s (synchronous=FULL)', target: '', unit: '/s', runs: f.inProcess, digits: 0 },
      { name: 'in-process time per grade', target: '', unit: 'ms', runs: f.inProcessMs, digits: 2 },
      { name: 'in-process grades/s, group commit, 50 learners', target: '', unit: '/s', runs: f.grouped, digits: 0 },
      { name: 'grades per transaction (group commit, in-process)', target: '', unit: '', runs: f.perBatch, digits: 1 },
      { name: 'HTTP grades/s ÷ in-process grades/s', target: '', unit: '×', runs: f.httpRatio, digits: 2 },
      { name: 'server RSS (all processes)', target: '', unit: 'MB', runs: f.rss, digits: 0 },
      { name: 'session check (decode + lookup)', target: '≪ 100 µs', unit: 'µs', runs: f.session, meets: lower(50), digits: 1 },
      { name: 'session check as next-auth did it', target: '(before)', unit: 'µs', runs: f.sessionBefore, digits: 1 },
      { name: '/review HTML, 1,000 due', target: '≤ 100 KB', unit: 'KB', runs: f.reviewKb, meets: lower(100), digits: 1 },
      { name: '/review TTFB p50, 1,000 due', target: '≤ 50 ms', unit: 'ms', runs: f.reviewTtfb, meets: lower(50), digits: 1 },
      { name: '/review first-load JS (gzip)', target: '≤ 150 KB', unit: 'KB', runs: f.js, meets: lower(150), digits: 1 },
      { name: '/dashboard TTFB p50, 10,000 reviews', target: '≤ 60 ms', unit: 'ms', runs: f.dashboardTtfb, meets: lower(60), digits: 1 },
    );
  } finally {
    await server.stop();
    await closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
