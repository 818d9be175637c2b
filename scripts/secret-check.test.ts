import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, no types
import { exampleSecret, secretProblem } from './secret-check.mjs';

const root = path.resolve(import.meta.dirname, '..');

describe('secretProblem', () => {
  const example = exampleSecret(root) as string;
  it('knows the example secret', () => {
    expect(example).toMatch(/change-me/);
  });
  it.each([
    [example, /example value from \.env\.example/],
    ['short-secret', /12 characters; use at least 32/],
    ['x'.repeat(31), /use at least 32/],
  ])('refuses %s', (secret, message) => {
    expect(secretProblem(secret, example)).toMatch(message);
    expect(secretProblem(secret, example)).toMatch(/openssl rand/);
  });
  it('accepts a long random secret', () => {
    expect(secretProblem('k2V9w3JmQpXb7yZr5tLs8nHc4fGd1eAq', example)).toBeNull();
  });
});

describe('npm start', () => {
  it.each([['the example secret', () => exampleSecret(root) as string], ['a short secret', () => 'too-short']])(
    'refuses to run with %s, before building or touching the database',
    (_name, secret) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-start-'));
      const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_SECRET: secret(), DATABASE_URL: path.join(dir, 'x.db'), PORT: '3999' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/NEXTAUTH_SECRET/);
      expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );
});
