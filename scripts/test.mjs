#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, content check, unit tests, a production build and the
 * end-to-end journeys, in that order. Every step runs even if an earlier one fails (except
 * that e2e needs the build), and the last line sums every runner: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

check('typecheck', bin('tsc'), ['--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
check('content:check', bin('tsx'), ['scripts/content-check.ts']);

fs.rmSync('test-results/vitest.json', { force: true });
const unitOk = step('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
const unit = readJson('test-results/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unitOk || unit.numFailedTests > 0 ? 0 : 1);
} else failed += 1;

const built = check('build', bin('next'), ['build']);
if (built) {
  fs.rmSync('test-results/playwright.json', { force: true });
  const e2eOk = step('e2e', bin('playwright'), ['test']);
  const e2e = readJson('test-results/playwright.json');
  if (e2e?.stats) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected + (e2eOk || e2e.stats.unexpected > 0 ? 0 : 1);
  } else failed += 1;
} else {
  console.log('e2e: skipped because the build failed');
  failed += 1;
}

console.log('\n' + rows.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`).join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
