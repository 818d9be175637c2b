#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, content check, unit tests, a production build and the
 * end-to-end journeys, in that order, on SQLite; then, when a PostgreSQL server is at hand
 * (TEST_POSTGRES_URL, or Debian's postgresql binaries for a throwaway local server), the
 * database tests, the end-to-end journeys that do not open the SQLite file, and the
 * two-server test on PostgreSQL (docs/decisions/018). Every step runs even if an earlier one
 * fails (except that e2e needs the build), and the last line sums every runner:
 * `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { canStartLocalPostgres, createScratchDatabase, startLocalPostgres } from './pg-local.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
// Next's anonymous telemetry stays off for the build and the server the e2e journeys start.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
fs.mkdirSync('test-results', { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const rows = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[path.basename(cmd), ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  rows.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function check(name, cmd, args, env) {
  const ok = step(name, cmd, args, env);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Adds a runner's JSON report to the sums (vitest or Playwright). */
function countVitest(ok, file) {
  const unit = readJson(file);
  if (unit) {
    passed += unit.numPassedTests;
    failed += unit.numFailedTests + (ok || unit.numFailedTests > 0 ? 0 : 1);
  } else failed += 1;
}
function countPlaywright(ok, file) {
  const e2e = readJson(file);
  if (e2e?.stats) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected + (ok || e2e.stats.unexpected > 0 ? 0 : 1);
  } else failed += 1;
}

/** Test files that set up their database through test/db-fixture.ts and touch no SQLite connection: they run on both engines. */
function bothEngineTests() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.test.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        if (text.includes('@/test/db-fixture') && !/sqliteOf|better-sqlite3/.test(text)) out.push(path.relative(root, file));
      }
    }
  };
  walk(path.join(root, 'lib'));
  return out.sort();
}

/** Journeys that read nothing from the SQLite file themselves: they run on PostgreSQL too. */
function bothEngineJourneys() {
  return fs
    .readdirSync(path.join(root, 'e2e'))
    .filter((f) => f.endsWith('.spec.ts') && !/better-sqlite3/.test(fs.readFileSync(path.join(root, 'e2e', f), 'utf8')))
    .map((f) => path.join('e2e', f))
    .sort();
}

async function withDatabase(serverUrl, prefix, run) {
  const scratch = await createScratchDatabase(serverUrl, prefix);
  try {
    return await run(scratch.url);
  } finally {
    await scratch.drop();
  }
}

// PostgreSQL for the second run: the one given, or a throwaway local server.
let pgUrl = process.env.TEST_POSTGRES_URL;
let localPg = null;
if (!pgUrl && canStartLocalPostgres()) {
  try {
    localPg = startLocalPostgres();
    pgUrl = localPg.url;
  } catch (e) {
    console.error(`PostgreSQL: could not start a local server: ${e.message}`);
    failed += 1;
  }
}

check('typecheck', bin('tsc'), ['--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
check('content:check', bin('tsx'), ['scripts/content-check.ts']);

fs.rmSync('test-results/vitest.json', { force: true });
const unitOk = step('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
countVitest(unitOk, 'test-results/vitest.json');

if (pgUrl) {
  fs.rmSync('test-results/vitest-pg.json', { force: true });
  const ok = step(
    'unit on PostgreSQL (database tests)',
    bin('vitest'),
    ['run', ...bothEngineTests(), 'lib/db/pg.test.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest-pg.json'],
    { DATABASE_URL: pgUrl, TEST_POSTGRES_URL: pgUrl },
  );
  countVitest(ok, 'test-results/vitest-pg.json');
}

const built = check('build', bin('next'), ['build']);
if (built) {
  fs.rmSync('test-results/playwright.json', { force: true });
  const e2eOk = step('e2e', bin('playwright'), ['test']);
  countPlaywright(e2eOk, 'test-results/playwright.json');
  if (pgUrl) {
    fs.rmSync('test-results/playwright-pg.json', { force: true });
    const ok = await withDatabase(pgUrl, 'pw_e2e', (url) =>
      step('e2e on PostgreSQL', bin('playwright'), ['test', ...bothEngineJourneys()], { E2E_DATABASE_URL: url, E2E_JSON: 'test-results/playwright-pg.json' }),
    );
    countPlaywright(ok, 'test-results/playwright-pg.json');
    check('two servers on PostgreSQL', bin('tsx'), ['--conditions=react-server', 'scripts/two-servers.ts'], { TEST_POSTGRES_URL: pgUrl });
  }
} else {
  console.log('e2e: skipped because the build failed');
  failed += 1;
}

localPg?.stop();
if (!pgUrl) console.log('\nPostgreSQL: no server (set TEST_POSTGRES_URL, or install postgresql); the PostgreSQL runs were skipped.');
console.log('\n' + rows.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`).join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
