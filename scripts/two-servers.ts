/**
 * Issue 19's multi-server test: two production servers on one PostgreSQL database, a grading
 * load split between them, and nothing lost or recorded twice.
 *
 *   TEST_POSTGRES_URL=postgres://… npx tsx --conditions=react-server scripts/two-servers.ts
 *
 * On the server TEST_POSTGRES_URL names (else a throwaway local one, scripts/pg-scratch.ts) it
 * creates the database pw_two_<random>, migrates it and seeds 20 learners through the app's
 * own code (scripts/bench-http.ts seedGraders), then starts two `node scripts/start.mjs`
 * (WEB_CONCURRENCY=1, one NEXTAUTH_SECRET, each its own PORT and NEXTAUTH_URL) at the same
 * moment: both migrate and seed the demo learner at once. For TWO_SERVERS_SECONDS (default
 * 30) every learner grades continuously with two requests in flight, each request to server
 * A or B in turn, the two in flight on the same card: so one learner's grades of one card
 * meet on both servers. About 5% of acknowledged grades are sent again with the same id (to
 * the other server: a retried submit, answered 409 and changing nothing) and about 1% are
 * sent to both servers at the same moment (one 201, one 409). Then, in the database: every
 * acknowledged id is in review_logs once, for its learner; no new row was not acknowledged;
 * each card's reps grew by its number of new logs, and each learner's
 * reviews_since_optimize by theirs; no answer was a 5xx. Then one learner's optimizer is
 * started on both servers at the same moment, three times each: one run, the others busy.
 * Prints a report and `two-servers: PASS` or `two-servers: FAIL <reasons>` (exit 0 / 1). The
 * servers are stopped and the database dropped at the end, on failure and on Ctrl-C too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readLibrary } from '../lib/content/load';
import { closeDatabase, openDatabase, type Db } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { loadOptimizer } from '../lib/optimizer/fit';
import { request, seedGraders, signInAll, startAppServers, type AppServer } from './bench-http';
import { scratchDatabase, type ScratchDatabase } from './pg-scratch';

const LEARNERS = 20;
const LANES = 2;
const SECONDS = Number(process.env.TWO_SERVERS_SECONDS ?? 30);
const RETRY_SHARE = 0.05;
const TWIN_SHARE = 0.01;
const OPTIMIZER_PAIRS = 3;
const DUPLICATE_MESSAGE = 'This review was already recorded; nothing changed.';

const failures: string[] = [];
const check = (ok: boolean, label: string, detail = '') => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures.push(label);
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
};

let scratch: ScratchDatabase | null = null;
let appDb: Db | null = null;
const servers: AppServer[] = [];
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-two-servers-'));

let cleaning: Promise<void> | null = null;
let crashed = false;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (appDb) await closeDatabase(appDb).catch(() => undefined);
    await scratch?.drop().catch((e: Error) => console.error(`two-servers: could not drop ${scratch?.name}: ${e.message}`));
    if (failures.length === 0 && !crashed) fs.rmSync(workDir, { recursive: true, force: true });
    else console.log(`two-servers: the servers' logs are kept in ${workDir}`);
  })());
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\ntwo-servers: ${sig}, stopping the servers and dropping the database…`);
    void cleanup().finally(() => process.exit(130));
  });
}

interface Stats {
  sent: number;
  acknowledged: number;
  latencies: number[];
  retries: number;
  retriesNoOp: number;
  twins: number;
  twinsOneAck: number;
  serverErrors: number;
  unexpected: string[];
  unexpectedCount: number;
  connectionErrors: string[];
}

async function main() {
  const { library } = readLibrary(path.resolve('content'));
  scratch = await scratchDatabase('pw_two');
  console.log(`two-servers: database ${scratch.name}`);
  appDb = openDatabase(scratch.url);
  await applyMigrations(appDb);
  let t = performance.now();
  const { graders, items, cards, gradeAll } = await seedGraders(appDb, library, LEARNERS);
  // The optimizer's learner: a second review of everything a month later, so a fit has work to do (and takes a moment).
  await gradeAll(graders[0]!.id, () => new Date(Date.now() - 30 * 86_400_000), `${graders[0]!.id}:again`);
  console.log(`two-servers: seeded ${LEARNERS} learners with ${items.length} items in review in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  await startAppServers(servers, scratch.url, [1, 1], (i) => path.join(workDir, `server-${'ab'[i]}.log`));
  const [A, B] = servers as [AppServer, AppServer];
  console.log(`two-servers: A ${A.base} and B ${B.base} up (started together, each migrated and seeded) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const cookies = await signInAll(servers, graders);
  const learnerIds = graders.map((g) => g.id);

  const sql = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    const before = await snapshot(sql, learnerIds);
    const stats = await gradeLoad(servers, cookies, cards);
    await verify(sql, learnerIds, before, stats);
    await optimizerOnce(sql, servers, cookies[0]!, learnerIds[0]!);
  } finally {
    await sql.end();
  }
  const errors = servers.flatMap((s) => fs.readFileSync(s.log, 'utf8').split('\n').filter((l) => /\berror\b/i.test(l)).map((l) => `${path.basename(s.log)}: ${l}`));
  console.log(`server logs: ${errors.length} line(s) mentioning an error${errors.length ? `:\n    ${errors.slice(0, 8).join('\n    ')}` : ''}`);
}

interface Snapshot {
  logIds: Set<string>;
  reps: Map<string, number>;
  sinceOptimize: Map<string, number>;
}

async function snapshot(sql: pg.Pool, learners: string[]): Promise<Snapshot> {
  const logs = await sql.query<{ id: string }>('select id from review_logs where user_id = any($1)', [learners]);
  const reps = await sql.query<{ user_id: string; item_id: string; reps: number }>('select user_id, item_id, reps from card_states where user_id = any($1)', [learners]);
  const since = await sql.query<{ user_id: string; n: number }>('select user_id, reviews_since_optimize as n from user_settings where user_id = any($1)', [learners]);
  return {
    logIds: new Set(logs.rows.map((r) => r.id)),
    reps: new Map(reps.rows.map((r) => [`${r.user_id}|${r.item_id}`, Number(r.reps)])),
    sinceOptimize: new Map(since.rows.map((r) => [r.user_id, Number(r.n)])),
  };
}

/** Acknowledged review id -> learner index. */
const acknowledged = new Map<string, number>();

async function gradeLoad(servers: AppServer[], cookies: string[], cards: string[]): Promise<Stats> {
  // Idle pooled connections are dropped before the server's 5 s keep-alive timeout would close them under a new request.
  const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: LEARNERS * LANES * 2, timeout: 4000 }));
  const stats: Stats = { sent: 0, acknowledged: 0, latencies: [], retries: 0, retriesNoOp: 0, twins: 0, twinsOneAck: 0, serverErrors: 0, unexpected: [], unexpectedCount: 0, connectionErrors: [] };
  const isDuplicate = (r: { status: number; text: string }) => r.status === 409 && r.text.includes(DUPLICATE_MESSAGE);
  const send = async (server: number, learner: number, body: string) => {
    stats.sent += 1;
    const base = servers[server]!.base;
    const res = await request(`${base}/api/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie: cookies[learner]!, 'content-length': String(Buffer.byteLength(body)) },
      body,
      agent: agents[server],
    });
    if (res.status >= 500) stats.serverErrors += 1;
    return { status: res.status, text: res.body.toString(), ms: res.totalMs };
  };
  // A connection lost before the answer: as the app's client does, send it again with the same
  // id, to the other server (201 if it was not recorded, 409 duplicate if it was).
  const post = async (server: number, learner: number, body: string) => {
    try {
      return await send(server, learner, body);
    } catch (e) {
      stats.connectionErrors.push(`${servers[server]!.base}: ${(e as Error).message}`);
      try {
        const again = await send(1 - server, learner, body);
        return isDuplicate(again) ? { ...again, status: 201 } : again;
      } catch (e2) {
        return { status: 0, text: `no answer from either server: ${(e2 as Error).message}`, ms: NaN };
      }
    }
  };
  const unexpected = (what: string, ...answers: { status: number; text: string }[]) => {
    stats.unexpectedCount += 1;
    if (stats.unexpected.length < 20) stats.unexpected.push(`${what}: ${answers.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join(' | ')}`);
  };

  const deadline = Date.now() + SECONDS * 1000;
  const lane = async (learner: number, counter: { k: number }) => {
    while (Date.now() < deadline) {
      const k = counter.k++;
      const server = (k + learner) % 2;
      // The learner's two lanes take turns on each card: the two grades in flight are of one card, on both servers.
      const itemId = cards[(Math.floor(k / LANES) * 7 + learner * 13) % cards.length]!;
      const id = crypto.randomUUID();
      const body = JSON.stringify({ id, itemId, rating: 1 + (k % 4), durationMs: 2500 });
      if (Math.random() < TWIN_SHARE) {
        // The same submit to both servers at the same moment: exactly one records it.
        stats.twins += 1;
        const [a, b] = await Promise.all([post(0, learner, body), post(1, learner, body)]);
        const created = [a, b].filter((r) => r.status === 201).length;
        const duplicates = [a, b].filter(isDuplicate).length;
        if (created === 1 && duplicates === 1) {
          stats.twinsOneAck += 1;
          acknowledged.set(id, learner);
          stats.acknowledged += 1;
        } else {
          if (created > 0) acknowledged.set(id, learner);
          unexpected(`twin ${id}`, a, b);
        }
        continue;
      }
      const r = await post(server, learner, body);
      if (r.status !== 201) {
        unexpected(`grade ${id}`, r);
        continue;
      }
      acknowledged.set(id, learner);
      stats.acknowledged += 1;
      stats.latencies.push(r.ms);
      if (Math.random() < RETRY_SHARE) {
        // A retried submit (the answer was lost on the way): same id, to the other server.
        stats.retries += 1;
        const again = await post(1 - server, learner, body);
        if (isDuplicate(again)) stats.retriesNoOp += 1;
        else unexpected(`retry ${id}`, again);
      }
    }
  };
  const t = performance.now();
  await Promise.all(
    cookies.map((_, learner) => {
      const counter = { k: 0 };
      return Promise.all(Array.from({ length: LANES }, () => lane(learner, counter)));
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  for (const a of agents) a.destroy();
  console.log(`\ngrading: ${LEARNERS} learners x ${LANES} requests in flight, A and B in turn, ${seconds.toFixed(1)} s`);
  console.log(`  requests sent ${stats.sent}, grades acknowledged ${stats.acknowledged} (${Math.round(stats.acknowledged / seconds)} grades/s)`);
  console.log(`  latency of a grade: p50 ${percentile(stats.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(stats.latencies, 0.99).toFixed(1)} ms`);
  console.log(`  retries (same id, other server): ${stats.retries}, answered as a duplicate: ${stats.retriesNoOp}`);
  console.log(`  same id to A and B at once: ${stats.twins}, one recorded and one duplicate: ${stats.twinsOneAck}`);
  console.log(`  5xx answers: ${stats.serverErrors}; other unexpected answers: ${stats.unexpectedCount}`);
  console.log(`  connections lost before an answer (sent again with the same id to the other server): ${stats.connectionErrors.length}`);
  for (const c of stats.connectionErrors.slice(0, 5)) console.log(`    ${c}`);
  for (const u of stats.unexpected) console.log(`    ${u}`);
  return stats;
}

async function verify(sql: pg.Pool, learners: string[], before: Snapshot, stats: Stats) {
  console.log('\nchecks:');
  const rows = (await sql.query<{ id: string; user_id: string; item_id: string }>('select id, user_id, item_id from review_logs where user_id = any($1)', [learners])).rows;
  const fresh = rows.filter((r) => !before.logIds.has(r.id));
  const seen = new Map<string, number>();
  for (const r of fresh) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  const missing = [...acknowledged.keys()].filter((id) => !seen.has(id));
  const twice = [...seen.values()].filter((n) => n > 1).length;
  const wrongLearner = fresh.filter((r) => acknowledged.has(r.id) && learners[acknowledged.get(r.id)!] !== r.user_id).length;
  const unacknowledged = fresh.filter((r) => !acknowledged.has(r.id)).length;
  check(missing.length === 0 && twice === 0 && wrongLearner === 0, 'every acknowledged review is stored exactly once, for its learner', `${acknowledged.size} acknowledged, ${missing.length} missing, ${twice} stored twice, ${wrongLearner} on another learner`);
  check(unacknowledged === 0, 'no stored review that was not acknowledged', `${fresh.length} new rows, ${unacknowledged} not acknowledged`);

  const logsPerCard = new Map<string, number>();
  const logsPerLearner = new Map<string, number>();
  for (const r of fresh) {
    logsPerCard.set(`${r.user_id}|${r.item_id}`, (logsPerCard.get(`${r.user_id}|${r.item_id}`) ?? 0) + 1);
    logsPerLearner.set(r.user_id, (logsPerLearner.get(r.user_id) ?? 0) + 1);
  }
  const after = await snapshot(sql, learners);
  let cardsOff = 0;
  let cardsGraded = 0;
  for (const [key, reps] of after.reps) {
    const grew = reps - (before.reps.get(key) ?? 0);
    const logs = logsPerCard.get(key) ?? 0;
    if (logs > 0) cardsGraded += 1;
    if (grew !== logs) cardsOff += 1;
  }
  const statesMissing = [...logsPerCard.keys()].filter((k) => !after.reps.has(k)).length;
  check(cardsOff === 0 && statesMissing === 0, "each card's reps grew by its number of new reviews (no lost update)", `${cardsGraded} cards graded, ${cardsOff} disagree, ${statesMissing} without a state`);
  const countersOff = learners.filter((u) => (after.sinceOptimize.get(u) ?? 0) - (before.sinceOptimize.get(u) ?? 0) !== (logsPerLearner.get(u) ?? 0)).length;
  check(countersOff === 0, "each learner's reviews_since_optimize grew by their number of new reviews", `${countersOff} of ${learners.length} disagree`);
  check(stats.serverErrors === 0, 'no server errors (5xx)', `${stats.serverErrors}`);
  check(stats.unexpectedCount === 0, 'every other answer as expected (201; 409 duplicate for a retry or the second twin)', `${stats.unexpectedCount} unexpected`);
  check(stats.retries > 0 && stats.twins > 0, 'retries and simultaneous twins were exercised', `${stats.retries} retries, ${stats.twins} twins`);
}

async function optimizerOnce(sql: pg.Pool, servers: AppServer[], cookie: string, userId: string) {
  const reviews = Number((await sql.query<{ n: string }>('select count(*) as n from review_logs where user_id = $1', [userId])).rows[0]!.n);
  const send = async (server: AppServer) => {
    const res = await request(`${server.base}/api/optimizer`, { method: 'POST', headers: { origin: server.base, cookie } });
    return { status: res.status, text: res.body.toString() };
  };
  // Every request at the same moment, OPTIMIZER_PAIRS to A and as many to B: this connection
  // holds the learner's lock (the one the claim takes) until all of them wait for it.
  const holder = await sql.connect();
  let answers: { status: number; text: string }[];
  try {
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [userId]);
    const pending = Promise.all(Array.from({ length: OPTIMIZER_PAIRS }, () => servers.map(send)).flat());
    let waiting = 0;
    for (let i = 0; i < 100 && waiting < OPTIMIZER_PAIRS * servers.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      waiting = Number((await sql.query<{ n: string }>("select count(*) as n from pg_locks where locktype = 'advisory' and not granted")).rows[0]!.n);
    }
    console.log(`\noptimizer: ${waiting} of ${OPTIMIZER_PAIRS * servers.length} requests waiting on the learner's claim at once; releasing`);
    await holder.query('commit');
    answers = await pending;
  } finally {
    holder.release();
  }
  const started = answers.filter((a) => a.status === 202);
  const busy = answers.filter((a) => a.status === 429 && /already (queued or )?running/.test(a.text));
  const runs = (await sql.query<{ id: string; status: string; started_at: string; finished_at: string | null }>('select id, status, started_at, finished_at from optimizer_runs where user_id = $1', [userId])).rows;
  const otherRuns = Number((await sql.query<{ n: string }>('select count(*) as n from optimizer_runs where user_id <> $1', [userId])).rows[0]!.n);
  console.log(`optimizer: learner with ${reviews} reviews, ${answers.length} POST /api/optimizer at once (${OPTIMIZER_PAIRS} to A, ${OPTIMIZER_PAIRS} to B): ${answers.map((a) => a.status).join(' ')}`);
  if (loadOptimizer()) {
    check(started.length === 1 && busy.length === answers.length - 1, 'one request started a run, the others were answered busy', `${started.length} started, ${busy.length} busy`);
    check(runs.length === 1, 'exactly one optimizer_runs row for the learner', `${runs.length}`);
  } else {
    // Without the binding a run fails as soon as it starts, and a request after that may
    // rightly start another: what must hold is one run at a time, one row per run started.
    console.log('  (the optimizer binding is not installed here: each run ends at once, so only "one at a time" is checked)');
    const ordered = [...runs].sort((a, b) => Number(a.started_at) - Number(b.started_at));
    const overlaps = ordered.filter((r, i) => i > 0 && (ordered[i - 1]!.finished_at === null || Number(r.started_at) < Number(ordered[i - 1]!.finished_at))).length;
    check(started.length + busy.length === answers.length && started.length === runs.length && overlaps === 0, 'runs one at a time, one row per run started, the other requests busy', `${started.length} started, ${busy.length} busy, ${runs.length} rows, ${overlaps} overlapping`);
  }
  check(otherRuns === 0, 'no optimizer run for anyone else (automatic runs are off)', `${otherRuns}`);
  // Let the run finish (or give up after 30 s): its outcome is reported, not checked.
  const runId = runs[0]?.id;
  for (let i = 0; runId && i < 60; i++) {
    const row = (await sql.query<{ status: string; message: string | null }>('select status, message from optimizer_runs where id = $1', [runId])).rows[0];
    if (row && row.status !== 'queued' && row.status !== 'running') {
      console.log(`  the run ended: ${row.status}${row.message ? ` (${row.message})` : ''}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

let exitCode = 1;
try {
  await main();
  console.log(failures.length ? `two-servers: FAIL ${failures.join('; ')}` : 'two-servers: PASS');
  exitCode = failures.length ? 1 : 0;
} catch (e) {
  crashed = true;
  console.error(e);
  console.log(`two-servers: FAIL ${(e as Error).message}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
