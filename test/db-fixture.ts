import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, writerOf, type Db } from '@/lib/db/client';
import { processEngine } from '@/lib/db/engine';
import { applyMigrations } from '@/lib/db/migrate';
import { createUser } from '@/lib/db/users';
import { createScratchDatabase } from '../scripts/pg-local.mjs';

export interface TestDb {
  /** The handle a test sets up rows with directly: SQLite's writer connection; PostgreSQL's pool. */
  db: Db;
  /** The handle the app reads through (SQLite: the query-only connection). */
  reader: Db;
  /** Where it lives: the SQLite file, or the PostgreSQL URL. */
  file: string;
  cleanup: () => Promise<void>;
  learner: (email?: string) => Promise<string>;
}

/**
 * A fresh, migrated database per test, and a way to create learners in it: a SQLite file, or,
 * when the process runs on PostgreSQL (DATABASE_URL=postgres://…, as `npm test` sets it for
 * its PostgreSQL run), a new database on that server, dropped afterwards.
 */
export async function freshDb(): Promise<TestDb> {
  let location: string;
  let remove: () => Promise<void>;
  if (processEngine() === 'postgres') {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'pw_test');
    location = scratch.url;
    remove = scratch.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-db-'));
    location = path.join(dir, 'test.db');
    remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const reader = openDatabase(location);
  await applyMigrations(reader);
  let n = 0;
  return {
    db: writerOf(reader),
    reader,
    file: location,
    cleanup: async () => {
      await closeDatabase(reader);
      await remove();
    },
    learner: async (email) => (await createUser(reader, { email: email ?? `learner${++n}@example.com`, passwordHash: 'x' })).id,
  };
}
