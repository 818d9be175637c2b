import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { createUser } from '@/lib/db/users';

/** A fresh, migrated database file per test, and a way to create learners in it. */
export function freshDb(): { db: Db; cleanup: () => void; learner: (email?: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-db-'));
  const db = openDatabase(path.join(dir, 'test.db'));
  applyMigrations(db);
  let n = 0;
  return {
    db,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    learner: (email) => createUser(db, { email: email ?? `learner${++n}@example.com`, passwordHash: 'x' }).id,
  };
}
