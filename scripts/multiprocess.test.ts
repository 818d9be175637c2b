import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

function worker(file: string, barrierDir: string, name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'test/multiprocess-worker.ts', file, barrierDir, name], {
      env: { ...process.env, NODE_ENV: 'test' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker ${name} exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as Record<string, unknown>);
      } catch {
        reject(new Error(`worker ${name} printed no report: ${out} ${err}`));
      }
    });
  });
}

describe('two server processes on one SQLite file', () => {
  it('migrate once, claim each background job once, share throttling state and lose no grade, one at a time or in groups', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-multi-'));
    const barrierDir = path.join(dir, 'barrier');
    fs.mkdirSync(barrierDir);
    const file = path.join(dir, 'shared.db');
    try {
      const reports = await Promise.all([worker(file, barrierDir, 'a'), worker(file, barrierDir, 'b')]);
      for (const r of reports) expect(r.errors, `${String(r.name)}: ${(r.errors as string[]).join("; ")}`).toEqual([]);
      const sqlite = new Database(file, { readonly: true });
      const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
      expect((sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
      // Exactly one process won each claim.
      expect(reports.filter((r) => r.optimizerClaimed).length).toBe(1);
      expect(reports.filter((r) => r.restoreClaimed).length).toBe(1);
      expect((sqlite.prepare('select count(*) as n from optimizer_runs').get() as { n: number }).n).toBe(1);
      expect((sqlite.prepare("select count(*) as n from restore_jobs where status = 'running'").get() as { n: number }).n).toBe(1);
      // 3 failures from each process: the account's count is 6 in the shared table.
      const failures = sqlite.prepare("select points from rate_limits where key = 'signin-account:failures:shared@example.com'").get() as { points: number };
      expect(failures.points).toBe(6);
      // Every grade from both processes is there, and counted for the next optimizer run.
      expect(reports.map((r) => r.graded)).toEqual([150, 150]);
      // Through the group commit too (decision 015): 150 each, ten at a time, in batches.
      expect(reports.map((r) => r.batched)).toEqual([150, 150]);
      for (const r of reports) expect(r.batches as number).toBeLessThan(150);
      expect((sqlite.prepare('select count(*) as n from review_logs').get() as { n: number }).n).toBe(600);
      expect((sqlite.prepare('select reviews_since_optimize as n from user_settings').get() as { n: number }).n).toBe(600);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
