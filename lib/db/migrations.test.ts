import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const dir = path.resolve('drizzle');
function apply(db: Database.Database, name: string) {
  for (const statement of fs.readFileSync(path.join(dir, `${name}.sql`), 'utf8').split('--> statement-breakpoint')) db.exec(statement);
}

describe('migration 0004: questions leave the learning steps', () => {
  it('moves questions waiting on a step to a day ahead, and leaves flashcards, reviews and history alone', () => {
    const db = new Database(':memory:');
    for (const m of ['0000_init', '0001_quizzes', '0002_paths', '0003_scheduler_depth']) apply(db, m);
    db.prepare("insert into users (id, email, password_hash, created_at) values ('u', 'a@example.com', 'x', 0)").run();
    const insert = db.prepare(
      "insert into card_states (user_id, item_id, topic_id, kind, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, created_at, updated_at) values ('u', ?, 't', ?, ?, 1, 5, 0, 0, 1, 1, 0, ?, 0, 0)",
    );
    const now = Date.now();
    insert.run('t/q-learning', 'question', now + 600_000, 1);
    insert.run('t/q-relearning', 'question', now + 600_000, 3);
    insert.run('t/q-review', 'question', now + 5 * 86_400_000, 2);
    insert.run('t/card', 'card', now + 600_000, 1);
    apply(db, '0004_questions_next_day');
    const due = (id: string) => (db.prepare('select due from card_states where item_id = ?').get(id) as { due: number }).due;
    expect(due('t/q-learning')).toBeGreaterThanOrEqual(now + 86_400_000);
    expect(due('t/q-relearning')).toBeGreaterThanOrEqual(now + 86_400_000);
    expect(due('t/q-review')).toBe(now + 5 * 86_400_000);
    expect(due('t/card')).toBe(now + 600_000);
    expect(db.prepare("select state from card_states where item_id = 't/q-learning'").get()).toEqual({ state: 1 });
  });
});

describe('migration 0011: the first run', () => {
  it('marks every account that existed before it as past the first run, and leaves later accounts new', () => {
    const db = new Database(':memory:');
    const names = fs
      .readdirSync(dir)
      .filter((f) => /^00(0\d|10)_.*\.sql$/.test(f))
      .sort()
      .map((f) => f.replace(/\.sql$/, ''));
    for (const m of names) apply(db, m);
    db.prepare("insert into users (id, email, password_hash, created_at) values ('old', 'old@example.com', 'x', 1700000000000)").run();
    apply(db, '0011_first_run');
    db.prepare("insert into users (id, email, password_hash) values ('new', 'new@example.com', 'x')").run();
    const row = (id: string) => db.prepare('select goal, onboarded_at from users where id = ?').get(id);
    expect(row('old')).toEqual({ goal: null, onboarded_at: 1700000000000 });
    expect(row('new')).toEqual({ goal: null, onboarded_at: null });
  });
});
