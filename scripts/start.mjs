#!/usr/bin/env node
/**
 * `npm start`: builds if there is no production build yet, migrates the database, makes
 * sure the demo learner exists, then serves the app with one server process per core
 * (`WEB_CONCURRENCY` sets how many). Works on a fresh clone after `npm ci`.
 */
import { spawnSync, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exampleSecret, secretProblem } from './secret-check.mjs';
import { webConcurrency } from './web-concurrency.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
// Next's anonymous telemetry stays off for the build and the servers started here.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args, extraEnv = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Sessions signed with a public or short secret can be forged: refuse before doing anything.
if (process.env.NEXTAUTH_SECRET !== undefined) {
  const problem = secretProblem(process.env.NEXTAUTH_SECRET, exampleSecret(root));
  if (problem) {
    console.error(`start: refusing to run in production. ${problem}`);
    process.exit(1);
  }
}

// PostgreSQL (docs/decisions/018) or the SQLite file; data/ holds the SQLite file and the generated secret.
const onPostgres = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '');
const dataDir = onPostgres ? path.resolve('data') : path.dirname(path.resolve((process.env.DATABASE_URL ?? 'data/patternwise.db').replace(/^file:/, '')));
fs.mkdirSync(dataDir, { recursive: true });

// next-auth needs a secret in production: keep a generated one beside the database. Several
// servers on one PostgreSQL database must share one: set NEXTAUTH_SECRET on each.
if (!process.env.NEXTAUTH_SECRET) {
  if (onPostgres) console.warn('start: NEXTAUTH_SECRET is not set; using one generated in data/. Every server of this database needs the same NEXTAUTH_SECRET.');
  const secretFile = path.join(dataDir, '.auth-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = fs.readFileSync(secretFile, 'utf8').trim();
}
const port = process.env.PORT ?? '3000';
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || process.argv.includes('--build')) {
  console.log('start: no production build yet, running next build (about a minute)…');
  run(bin('next'), ['build']);
}
run(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts']);
run(bin('tsx'), ['--conditions=react-server', 'scripts/seed.ts']);

const workers = webConcurrency(process.env.WEB_CONCURRENCY);
if (workers === null) {
  console.error(`start: WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${process.env.WEB_CONCURRENCY}").`);
  process.exit(1);
}
console.log(`\nPatternwise is starting on http://localhost:${port} (${workers} server process${workers === 1 ? '' : 'es'})\n`);
const env = { ...process.env, NODE_ENV: 'production' };
// Each server process: Next's handler behind Node's http server, grades answered directly (docs/decisions/019).
const serverScript = path.join(root, 'scripts', 'server.mjs');
if (workers === 1) {
  const server = spawn(process.execPath, [serverScript], { stdio: 'inherit', env: { ...env, PORT: port } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
  server.on('exit', (code) => process.exit(code ?? 0));
} else {
  serveCluster(workers, { ...env, PORT: port });
}

/**
 * One server process (scripts/server.mjs) per worker of a Node cluster, all on one port: the primary (this process)
 * accepts connections and hands them out in turn, so every core serves requests
 * (docs/decisions/011). Migrations ran above, once; everything else that must happen once is
 * decided in the database. A worker that dies is replaced, unless workers keep dying at start.
 */
function serveCluster(count, workerEnv) {
  cluster.setupPrimary({ exec: serverScript });
  let stopping = false;
  let quickDeaths = 0;
  const fork = () => {
    const worker = cluster.fork(workerEnv);
    worker.startedAt = Date.now();
  };
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    quickDeaths = Date.now() - worker.startedAt < 10_000 ? quickDeaths + 1 : 0;
    console.error(`start: server process ${worker.process.pid} exited (${signal ?? code}).${quickDeaths > 5 ? ' Giving up.' : ' Starting another.'}`);
    if (quickDeaths > 5) process.exit(1);
    fork();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(sig);
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
