/**
 * `npm run bench`: load balancing and easy days on a simulated learner over 180 days
 * (`balancing`), the optimizer's time on 10,000 reviews (`optimizer`), the review queue's time
 * for one learner in a database of 1,000,000 card states (`queue`), grades a second in-process
 * with SQLite's synchronous=NORMAL and FULL (`grades`), and the production server under load
 * (`http`, scripts/bench-http.ts), then one table of figures beside issue 11's targets; and
 * grading over HTTP on SQLite and PostgreSQL with one and two servers (`pg`,
 * scripts/bench-pg.ts; run when named or when TEST_POSTGRES_URL is set).
 * `npm run bench -- http queue` runs the sections named; `--no-build` reuses the last build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { default_w } from 'ts-fsrs';
import { readLibrary } from '../lib/content/load';
import { closeDatabase, openDatabase, sqliteOf, writerOf } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { listCardStates, markLessonRead, queueRows } from '../lib/db/reviews';
import { createUser } from '../lib/db/users';
import { fitParameters, loadOptimizer } from '../lib/optimizer/fit';
import { trainingItems } from '../lib/optimizer/items';
import { harderTruth, syntheticLog } from '../lib/optimizer/synthetic';
import { mean, simulate, stdDev, type SimulationResult } from '../lib/srs/simulate';
import { gradeItem } from '../lib/study/review';
import { loadStudyToday } from '../lib/study/session';
import { LEARN_AHEAD_MS } from '../lib/srs/queue';
import { benchHttp, printTable, type Figure } from './bench-http';
import { benchPg } from './bench-pg';

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

const queueFigures: Figure[] = [];

async function benchQueue() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  await applyMigrations(db);
  const { library } = readLibrary(path.resolve('content'));
  const items = [...library.items.entries()].slice(0, 1000);
  const USERS = 1000;
  const now = Date.now();
  const t0 = performance.now();
  const sqlite = sqliteOf(writerOf(db));
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
  const allRowTimes: number[] = [];
  const sqlTimes: number[] = [];
  const fullTimes: number[] = [];
  for (let i = 0; i < 60; i++) {
    let t = performance.now();
    await listCardStates(db, user);
    allRowTimes.push(performance.now() - t);
    const now = new Date();
    t = performance.now();
    await queueRows(db, user, { now, learnAheadUntil: new Date(now.getTime() + LEARN_AHEAD_MS), dayEnd: new Date(now.getTime() + 86_400_000), reviewLimit: 9999 });
    sqlTimes.push(performance.now() - t);
    t = performance.now();
    const today = await loadStudyToday(db, library, user, now);
    fullTimes.push(performance.now() - t);
    if (i === 0) console.log(`queue: learner has ${today.queue.items.length} cards in today's session (${today.queue.counts.review} reviews due)`);
  }
  const plan = sqlite.prepare('explain query plan select item_id from card_states where user_id = ? and state = 2 and due < ? order by due, rowid').all(user, now) as { detail: string }[];
  const all = stats(allRowTimes.slice(10));
  const a = stats(sqlTimes.slice(10));
  const b = stats(fullTimes.slice(10));
  console.log(`queue: every card state with every column (what the queue read before): median ${fmt(all.median)}, p95 ${fmt(all.p95)}`);
  console.log(`queue: the queue's rows, selected and ordered by SQLite (plan: ${plan.map((p) => p.detail).join('; ')}): median ${fmt(a.median)}, p95 ${fmt(a.p95)}`);
  console.log(`queue: whole session build (query + limits + streak + ordering): median ${fmt(b.median)}, p95 ${fmt(b.p95)}`);
  queueFigures.push(
    { name: 'due queue, whole session build (1,000 cards of 1,000,000)', target: '≤ 2 ms', unit: 'ms', runs: [b.median], meets: (v) => v <= 2, digits: 2 },
    { name: 'due queue, its SQL alone', target: '', unit: 'ms', runs: [a.median], digits: 2 },
    { name: 'every card state, every column (before)', target: '(before)', unit: 'ms', runs: [all.median], digits: 2 },
  );
  await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A learner who starts 10 new cards a day for 180 days (1,800 cards, about the whole library
 * with its questions), reviews everything due each day with the app's scheduler (default
 * settings, fuzz on), and recalls with the memory model's own probability. Figures are over
 * days 31-180 (after the first month's ramp), averaged over six seeds. The load grows as
 * cards accumulate, so besides the plain standard deviation we give it around the 7-day
 * centred average (the spikiness balancing is meant to remove).
 */
function benchBalancing() {
  const base = { days: 180, newPerDay: 10, start: '2026-01-05' };
  const seeds = [1, 2, 3, 4, 5, 6];
  const run = (extra: { loadBalance: boolean; easyDays?: number[] }) => seeds.map((seed) => simulate({ ...base, ...extra, seed }));
  const after = (xs: number[]) => xs.slice(30);
  const light = (r: SimulationResult, days: number[]) => after(r.reviewsPerDay).filter((_, i) => days.includes(r.weekdays[i + 30]!));
  const avg = (rs: SimulationResult[], f: (r: SimulationResult) => number) => mean(rs.map(f));
  const t = performance.now();
  const off = run({ loadBalance: false });
  const on = run({ loadBalance: true });
  const weekend0 = run({ loadBalance: true, easyDays: [0, 1, 1, 1, 1, 1, 0] });
  const weekend50 = run({ loadBalance: true, easyDays: [0.5, 1, 1, 1, 1, 1, 0.5] });
  const spikes = (xs: number[]) => xs.map((x, i) => x - mean(xs.slice(Math.max(0, i - 3), i + 4)));
  const line = (name: string, rs: SimulationResult[]) =>
    `${name}: reviews/day mean ${avg(rs, (r) => mean(after(r.reviewsPerDay))).toFixed(1)}, std dev ${avg(rs, (r) => stdDev(after(r.reviewsPerDay))).toFixed(2)}, ` +
    `std dev around the 7-day average ${avg(rs, (r) => stdDev(after(spikes(r.reviewsPerDay)))).toFixed(2)}, ` +
    `true retention ${(100 * avg(rs, (r) => r.trueRetention)).toFixed(2)}%`;
  console.log(`balancing: simulated learner, 180 days, 10 new cards a day, ${seeds.length} seeds, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(`balancing: ${line('off', off)}`);
  console.log(`balancing: ${line('on ', on)}`);
  for (const [name, rs] of [
    ['Sat+Sun 0%', weekend0],
    ['Sat+Sun 50%', weekend50],
  ] as const) {
    const weekend = avg(rs, (r) => mean(light(r, [0, 6])));
    const weekdays = avg(rs, (r) => mean(light(r, [1, 2, 3, 4, 5])));
    console.log(
      `easy days ${name}: reviews on Sat/Sun ${weekend.toFixed(1)} a day, Mon-Fri ${weekdays.toFixed(1)} (${((100 * weekend) / weekdays).toFixed(0)}% of a weekday); ` +
        `true retention ${(100 * avg(rs, (r) => r.trueRetention)).toFixed(2)}%`,
    );
  }
}

/** Grades, one request's work each (one transaction), on a file database: fsync cost included. */
async function benchGrades(synchronous: 'NORMAL' | 'FULL') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  sqliteOf(writerOf(db)).pragma(`synchronous = ${synchronous}`);
  await applyMigrations(db);
  const { library } = readLibrary(path.resolve('content'));
  const user = (await createUser(db, { email: 'grades@bench.local', passwordHash: 'x' })).id;
  const start = new Date();
  for (const topic of library.topics.values()) await markLessonRead(db, user, topic.id, start);
  const cards = [...library.items.entries()].filter(([, e]) => e.kind === 'card').map(([id]) => id);
  const N = 2000;
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    const now = new Date(start.getTime() + i * 60_000);
    await gradeItem(db, library, user, { id: crypto.randomUUID(), itemId: cards[i % cards.length]!, rating: 3, durationMs: 0 }, now);
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(`grades, synchronous=${synchronous}: ${N} grades in ${seconds.toFixed(2)} s = ${Math.round(N / seconds)} grades/s`);
  await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}

const SECTIONS = ['balancing', 'optimizer', 'queue', 'grades', 'http', 'pg'] as const;
const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((a) => !(SECTIONS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`bench: no section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
  process.exit(1);
}
// pg needs a PostgreSQL server: run when named, or with the others when TEST_POSTGRES_URL is set.
const run = (name: (typeof SECTIONS)[number]) => asked.includes(name) || (asked.length === 0 && (name !== 'pg' || Boolean(process.env.TEST_POSTGRES_URL)));
if (run('balancing')) benchBalancing();
if (run('optimizer')) await benchOptimizer();
if (run('queue')) await benchQueue();
if (run('grades')) {
  // Alone, three rounds each (decision 006's table); with the other sections, one.
  const rounds = asked.length === 1 ? 3 : 1;
  for (let round = 0; round < rounds; round++) {
    await benchGrades('NORMAL');
    await benchGrades('FULL');
  }
}
const build = !process.argv.includes('--no-build');
const httpFigures = run('http') ? await benchHttp({ build }) : [];
if (httpFigures.length || queueFigures.length) {
  console.log('\nIssue 11 targets (median of the runs; "met" compares the median with the target):\n');
  printTable([...httpFigures, ...queueFigures]);
}
// After the issue 11 table: its own (SQLite and PostgreSQL, one and two servers).
if (run('pg')) await benchPg({ build });
