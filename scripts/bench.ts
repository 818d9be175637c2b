/**
 * `npm run bench`: the optimizer's time on 10,000 reviews, the review-queue query's time for
 * one learner in a database of 1,000,000 card states, and grades a second with SQLite's
 * synchronous=NORMAL and FULL. Prints medians and p95. `npm run bench -- grades` runs only the last.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { default_w } from 'ts-fsrs';
import { readLibrary } from '../lib/content/load';
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { listCardStates, markLessonRead } from '../lib/db/reviews';
import { createUser } from '../lib/db/users';
import { fitParameters, loadOptimizer } from '../lib/optimizer/fit';
import { trainingItems } from '../lib/optimizer/items';
import { harderTruth, syntheticLog } from '../lib/optimizer/synthetic';
import { gradeItem } from '../lib/study/review';
import { loadStudyToday } from '../lib/study/session';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), min: s[0]!, runs: s.length };
}
const fmt = (x: number) => `${x.toFixed(1)} ms`;

async function benchOptimizer() {
  if (!loadOptimizer()) {
    console.log('optimizer: not available on this platform (skipped)');
    return;
  }
  const logs = syntheticLog({ reviews: 10_000, cards: 1000, seed: 1, truth: harderTruth(default_w) });
  const times: number[] = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = await fitParameters(trainingItems(logs, { timezone: 'UTC', dayStartHour: 4 }), { relearningSteps: 1 });
    times.push(performance.now() - t);
  }
  const s = stats(times);
  console.log(
    `optimizer, 10,000 reviews: median ${fmt(s.median)}, min ${fmt(s.min)} over ${s.runs} runs; log loss ${result!.logLossDefault.toFixed(4)} -> ${result!.logLossFitted.toFixed(4)}`,
  );
}

function benchQueue() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  applyMigrations(db);
  const { library } = readLibrary(path.resolve('content'));
  const items = [...library.items.entries()].slice(0, 1000);
  const USERS = 1000;
  const now = Date.now();
  const t0 = performance.now();
  const sqlite = db.$client;
  const insertUser = sqlite.prepare("insert into users (id, email, password_hash) values (?, ?, 'x')");
  const insertSettings = sqlite.prepare('insert into user_settings (user_id) values (?)');
  const insertCard = sqlite.prepare(`insert into card_states (user_id, item_id, topic_id, kind, due, stability, difficulty, elapsed_days,
    scheduled_days, learning_steps, reps, lapses, state, last_review, suspended, created_at, updated_at)
    values (?, ?, ?, ?, ?, 10, 5, 3, 10, 0, 4, 0, 2, ?, 0, ?, ?)`);
  sqlite.transaction(() => {
    for (let u = 0; u < USERS; u++) {
      const id = `user-${u}`;
      insertUser.run(id, `${id}@bench.local`);
      insertSettings.run(id);
      items.forEach(([itemId, e], i) => {
        // Spread due dates over the past week and the next two months.
        const due = now + ((i * 7919 + u * 104729) % (67 * 86_400_000)) - 7 * 86_400_000;
        insertCard.run(id, itemId, e.topic.id, e.kind, due, now - 86_400_000, now, now);
      });
    }
  })();
  const rows = (sqlite.prepare('select count(*) as n from card_states').get() as { n: number }).n;
  console.log(`queue: built ${rows.toLocaleString('en')} card states for ${USERS} learners in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const user = 'user-500';
  const sqlTimes: number[] = [];
  const fullTimes: number[] = [];
  for (let i = 0; i < 60; i++) {
    let t = performance.now();
    listCardStates(db, user);
    sqlTimes.push(performance.now() - t);
    t = performance.now();
    const today = loadStudyToday(db, library, user, new Date());
    fullTimes.push(performance.now() - t);
    if (i === 0) console.log(`queue: learner has ${today.queue.items.length} cards in today's session (${today.queue.counts.review} reviews due)`);
  }
  const plan = sqlite.prepare('explain query plan select * from card_states where user_id = ?').all(user) as { detail: string }[];
  const a = stats(sqlTimes.slice(10));
  const b = stats(fullTimes.slice(10));
  console.log(`queue: card-state query (index: ${plan.map((p) => p.detail).join('; ')}): median ${fmt(a.median)}, p95 ${fmt(a.p95)}`);
  console.log(`queue: whole session build (query + limits + streak + ordering): median ${fmt(b.median)}, p95 ${fmt(b.p95)}`);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Grades, one request's work each (one transaction), on a file database: fsync cost included. */
function benchGrades(synchronous: 'NORMAL' | 'FULL') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  db.$client.pragma(`synchronous = ${synchronous}`);
  applyMigrations(db);
  const { library } = readLibrary(path.resolve('content'));
  const user = createUser(db, { email: 'grades@bench.local', passwordHash: 'x' }).id;
  const start = new Date();
  for (const topic of library.topics.values()) markLessonRead(db, user, topic.id, start);
  const cards = [...library.items.entries()].filter(([, e]) => e.kind === 'card').map(([id]) => id);
  const N = 2000;
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    const now = new Date(start.getTime() + i * 60_000);
    gradeItem(db, library, user, { id: crypto.randomUUID(), itemId: cards[i % cards.length]!, rating: 3, durationMs: 0 }, now);
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(`grades, synchronous=${synchronous}: ${N} grades in ${seconds.toFixed(2)} s = ${Math.round(N / seconds)} grades/s`);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('grades')) {
  for (let round = 0; round < 3; round++) {
    benchGrades('NORMAL');
    benchGrades('FULL');
  }
} else {
  await benchOptimizer();
  benchQueue();
  benchGrades('NORMAL');
  benchGrades('FULL');
}
