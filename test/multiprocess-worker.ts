/**
 * One of two processes on one SQLite file (scripts/multiprocess.test.ts starts them): what
 * must happen once, happens once. Prints a JSON report on stdout.
 * Usage: tsx --conditions=react-server test/multiprocess-worker.ts <db file> <barrier dir> <name>
 */
import fs from 'node:fs';
import path from 'node:path';
import { readLibrary } from '../lib/content/load';
import { closeDatabase, openDatabase } from '../lib/db/client';
import { raw } from '../lib/db/prepared';
import { transaction } from '../lib/db/tx';
import { applyMigrations } from '../lib/db/migrate';
import { claimRun } from '../lib/db/optimizer';
import { claimRestoreJob } from '../lib/db/restore';
import { markLessonRead } from '../lib/db/reviews';
import { throttles } from '../lib/security/throttle';
import { groupCommit } from '../lib/db/group-commit';
import { gradeItem } from '../lib/study/review';

const [file, barrierDir, name] = process.argv.slice(2) as [string, string, string];
const PROCESSES = 2;

/** Waits until every process has reached the step, so the next one runs at the same time in both. */
function barrier(step: string) {
  fs.writeFileSync(path.join(barrierDir, `${step}.${name}`), '');
  const deadline = Date.now() + 60_000;
  while (fs.readdirSync(barrierDir).filter((f) => f.startsWith(`${step}.`)).length < PROCESSES) {
    if (Date.now() > deadline) throw new Error(`barrier ${step} timed out`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
}

const { library } = readLibrary(path.resolve('content'));
const report: Record<string, unknown> = { name, errors: [] as string[] };
const errors = report.errors as string[];

barrier('open');
const db = openDatabase(file);
try {
  await applyMigrations(db);
} catch (e) {
  errors.push(`migrate: ${(e as Error).message}`);
}

barrier('migrated');
const user = 'shared-learner';
await transaction(db, async (tx) => {
  await raw(tx).run("insert or ignore into users (id, email, password_hash) values (?, 'shared@example.com', 'x')", user);
  await raw(tx).run('insert or ignore into user_settings (user_id) values (?)', user);
});
const now = new Date();
for (const t of library.topics.values()) await markLessonRead(db, user, t.id, now);

barrier('claims');
// The optimizer's and the restore's background jobs: one claim wins across processes.
const run = await claimRun(db, { id: crypto.randomUUID(), userId: user, trigger: 'manual', now, activeSince: new Date(now.getTime() - 600_000), dailyCap: 5 });
report.optimizerClaimed = run.ok;
report.restoreClaimed = await claimRestoreJob(db, user, crypto.randomUUID(), now);
// Throttling state: every failure counts, whichever process saw it.
const throttle = throttles(db).signIn;
for (let i = 0; i < 3; i++) await throttle.failed('shared@example.com', '203.0.113.7');

barrier('grades');
// Grades for the same learner from both processes at once: one immediate transaction each, none lost.
const cards = [...library.items.entries()].filter(([, e]) => e.kind === 'card').map(([id]) => id);
let graded = 0;
for (let i = 0; i < 150; i++) {
  try {
    await gradeItem(db, library, user, { id: crypto.randomUUID(), itemId: cards[(i * 7 + (name === 'a' ? 0 : 3)) % cards.length]!, rating: 3, durationMs: 0 }, new Date(now.getTime() + i * 1000));
    graded++;
  } catch (e) {
    errors.push(`grade: ${(e as Error).message}`);
  }
}
report.graded = graded;

barrier('batched');
// The same through the group commit, ten grades in flight at a time in each process: batches
// from both processes contend for the write lock, and none is lost.
let batched = 0;
const start = groupCommit(db).stats.batches;
for (let round = 0; round < 15; round++) {
  const settled = await Promise.allSettled(
    Array.from({ length: 10 }, (_, k) => {
      const i = 150 + round * 10 + k;
      return gradeItem(db, library, user, { id: crypto.randomUUID(), itemId: cards[(i * 7 + (name === 'a' ? 0 : 3)) % cards.length]!, rating: 3, durationMs: 0 }, new Date(now.getTime() + i * 1000));
    }),
  );
  for (const s of settled) {
    if (s.status === 'fulfilled') batched++;
    else errors.push(`batched grade: ${(s.reason as Error).message}`);
  }
}
report.batched = batched;
report.batches = groupCommit(db).stats.batches - start;
barrier('done');
await closeDatabase(db);
process.stdout.write(JSON.stringify(report));
