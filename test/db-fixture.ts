import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, writerOf, type Db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { createUser } from '@/lib/db/users';

/**
 * A fresh, migrated database file per test, and a way to create learners in it. `db` is the
 * writer handle, so a test may also set up rows directly; `reader` is the query-only handle
 * the app reads through.
 */
export function freshDb(): { db: Db; reader: Db; file: string; cleanup: () => void; learner: (email?: string) => Promise<string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-db-'));
  const file = path.join(dir, 'test.db');
  const reader = openDatabase(file);
  applyMigrations(reader);
  let n = 0;
  return {
    db: writerOf(reader),
    reader,
    file,
    cleanup: () => {
      closeDatabase(reader);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    learner: async (email) => (await createUser(reader, { email: email ?? `learner${++n}@example.com`, passwordHash: 'x' })).id,
  };
}
