import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { databasePath } from '@/lib/env';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const globalForDb = globalThis as unknown as { patternwiseDb?: Db };

/** Opens (once) the SQLite file with the pragmas every connection needs. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(/* turbopackIgnore: true */ file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a review acknowledged to the learner survives a power loss, not only a killed process
  // (docs/decisions/006-durable-commits.md has the cost).
  sqlite.pragma('synchronous = FULL');
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * The app's database, opened lazily on first use: `next build` imports route modules, and
 * opening the file at import time would create data/ during the build.
 */
export function db(): Db {
  if (!globalForDb.patternwiseDb) globalForDb.patternwiseDb = openDatabase(databasePath());
  return globalForDb.patternwiseDb;
}
