/**
 * `npm run bench -- pg`: grading throughput and latency over HTTP on both engines, in one run,
 * with bench-http's grading load (50 connections, one learner each, 10 s after a 3 s warm-up):
 *
 *   - SQLite, one server process (WEB_CONCURRENCY=1)
 *   - SQLite, its default cluster (one process per core)
 *   - PostgreSQL, one server (WEB_CONCURRENCY=1)
 *   - PostgreSQL, two servers (WEB_CONCURRENCY=1 each, one database, one NEXTAUTH_SECRET)
 *
 * The two servers are reached as a connection-level load balancer would spread them:
 * autocannon is given both URLs and deals its connections out in turn (25 each); every
 * connection stays on its server. PostgreSQL is the server TEST_POSTGRES_URL names (a
 * scratch database is made on it and dropped), else a local one started for the run
 * (scripts/pg-scratch.ts). Each engine's learners are seeded once through the app's own code;
 * its two set-ups share that database. Prints one table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLibrary, type Library } from '../lib/content/load';
import { closeDatabase, openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { cpuMs, ensureBuilt, gradeLoad, LEARNERS, processTree, seedGraders, signInAll, startAppServers, type AppServer } from './bench-http';
import { scratchDatabase } from './pg-scratch';

const SECONDS = 10;
const WARM_UP_SECONDS = 3;

interface Row {
  setup: string;
  processes: number;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerGrade: number;
}

async function seedLearners(location: string, library: Library) {
  const db = openDatabase(location);
  try {
    await applyMigrations(db);
    const { graders, cards } = await seedGraders(db, library, LEARNERS);
    return { graders, cards };
  } finally {
    await closeDatabase(db);
  }
}

/** Starts `counts.length` servers on `location` (each with WEB_CONCURRENCY counts[i], undefined: start.mjs's default), loads them, stops them. */
async function measure(
  setup: string,
  location: string,
  counts: (number | undefined)[],
  seeded: { graders: { email: string }[]; cards: string[] },
  logDir: string,
): Promise<Row> {
  const servers: AppServer[] = [];
  try {
    await startAppServers(servers, location, counts, (i) => path.join(logDir, `${setup.replace(/\W+/g, '-')}-${i}.log`));
    const pids = servers.flatMap((s) => processTree(s.process.pid!));
    const processes = pids.filter((pid) => /patternwise-server/.test(commandOf(pid))).length;
    const cookies = await signInAll(servers, seeded.graders);
    const bases = servers.map((s) => s.base);
    await gradeLoad(bases, cookies, seeded.cards, WARM_UP_SECONDS);
    const cpu0 = cpuMs(pids);
    const g = await gradeLoad(bases, cookies, seeded.cards, SECONDS);
    const cpu = cpuMs(pids) - cpu0;
    const row = {
      setup,
      processes,
      rate: g.requests.total / SECONDS,
      p50: g.latency.p50,
      p99: g.latency.p99,
      errors: g.errors + g.timeouts + g.non2xx,
      cpuMsPerGrade: cpu / Math.max(1, g.requests.total),
    };
    console.log(`pg: ${setup}: ${Math.round(row.rate)} grades/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors} errors and non-2xx, ${row.processes} server process(es)`);
    return row;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export async function benchPg(options: { build: boolean }): Promise<void> {
  ensureBuilt(options.build, 'pg');
  const { library } = readLibrary(path.resolve('content'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-pg-'));
  const rows: Row[] = [];
  const scratch = await scratchDatabase('pw_bench');
  try {
    const file = path.join(dir, 'bench.db');
    let t = performance.now();
    const sqlite = await seedLearners(file, library);
    console.log(`pg: SQLite seeded with ${LEARNERS} learners in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    rows.push(await measure('SQLite, 1 process', file, [1], sqlite, dir));
    rows.push(await measure('SQLite, cluster (default)', file, [undefined], sqlite, dir));
    t = performance.now();
    const postgres = await seedLearners(scratch.url, library);
    console.log(`pg: PostgreSQL (${new URL(scratch.url).host}) seeded with ${LEARNERS} learners in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    rows.push(await measure('PostgreSQL, 1 server', scratch.url, [1], postgres, dir));
    rows.push(await measure('PostgreSQL, 2 servers', scratch.url, [1, 1], postgres, dir));
  } finally {
    await scratch.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const head = ['set-up', 'server processes', 'grades/s', 'p50', 'p99', 'errors', 'server CPU/grade'];
  const body = rows.map((r) => [r.setup, String(r.processes), r.rate.toFixed(0), `${r.p50} ms`, `${r.p99} ms`, String(r.errors), `${r.cpuMsPerGrade.toFixed(2)} ms`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nGrading over HTTP, ${LEARNERS} learners on ${LEARNERS} connections, ${SECONDS} s each (${os.availableParallelism()} cores; two servers: connections dealt out in turn):\n`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of body) console.log(line(r));
}
