#!/usr/bin/env node
/**
 * `npm start`: builds if there is no production build yet, migrates the database, makes
 * sure the demo learner exists, then serves the app. Works on a fresh clone after `npm ci`.
 */
import { spawnSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exampleSecret, secretProblem } from './secret-check.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
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

const dbFile = (process.env.DATABASE_URL ?? 'data/patternwise.db').replace(/^file:/, '');
fs.mkdirSync(path.dirname(path.resolve(dbFile)), { recursive: true });

// next-auth needs a secret in production: keep a generated one beside the database.
if (!process.env.NEXTAUTH_SECRET) {
  const secretFile = path.join(path.dirname(path.resolve(dbFile)), '.auth-secret');
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

console.log(`\nPatternwise is starting on http://localhost:${port}\n`);
const server = spawn(bin('next'), ['start', '-p', port], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
