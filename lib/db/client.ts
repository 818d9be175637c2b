import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { databasePath } from '@/lib/env';
import * as schema from './schema';

/**
 * The query surface every data function is written against (docs/decisions/018): drizzle's
 * builders, always awaited. Awaiting works whether the engine answers at once (SQLite) or
 * over the network, so one body of query code serves both. Writes go through
 * `transaction()` (lib/db/tx.ts), never straight to a database handle.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

interface Connections {
  /** Where transactions run: one connection per process, used by one transaction batch at a time. */
  writer: Db;
  writerClient: Database.Database;
  /** Reads outside transactions (query_only): they never see another request's uncommitted writes. */
  readerClient: Database.Database;
}

/**
 * Each handle carries its connections under a global symbol: Next may load this module more
 * than once (instrumentation, each route bundle), and all copies must find them.
 */
const CONNECTIONS = Symbol.for('patternwise.db.connections');
type Handle = Db & { [CONNECTIONS]?: Connections };
const connections = {
  get: (database: Db) => (database as Handle)[CONNECTIONS],
  set: (database: Db, c: Connections) => {
    Object.defineProperty(database, CONNECTIONS, { value: c, enumerable: false });
  },
};
const globalForDb = globalThis as unknown as { patternwiseDb?: Db };

function connect(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a review acknowledged to the learner survives a power loss, not only a killed process
  // (docs/decisions/006-durable-commits.md has the cost).
  sqlite.pragma('synchronous = FULL');
  return sqlite;
}

/**
 * Opens the SQLite file with the pragmas every connection needs: a writer connection for
 * transactions and a query-only reader for everything else (an in-memory database has one
 * connection for both). Returns the reader; `writerOf` gives the writer.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(/* turbopackIgnore: true */ file)), { recursive: true });
  const writerClient = connect(file);
  const writer = drizzle(writerClient, { schema }) as unknown as Db;
  if (file === ':memory:') {
    connections.set(writer, { writer, writerClient, readerClient: writerClient });
    return writer;
  }
  const readerClient = connect(file);
  readerClient.pragma('query_only = ON');
  const reader = drizzle(readerClient, { schema }) as unknown as Db;
  const c = { writer, writerClient, readerClient };
  connections.set(reader, c);
  connections.set(writer, c);
  return reader;
}

function connectionsOf(database: Db): Connections {
  const c = connections.get(database);
  if (!c) throw new Error('Not a database opened by openDatabase');
  return c;
}

/** The connection transactions run on (the database itself when it is the writer or in memory). */
export function writerOf(database: Db): Db {
  return connectionsOf(database).writer;
}

/** The better-sqlite3 connection under a database handle (the writer's for the writer, the reader's otherwise). */
export function sqliteOf(database: Db): Database.Database {
  const c = connectionsOf(database);
  return database === c.writer ? c.writerClient : c.readerClient;
}

/** Closes both connections. */
export function closeDatabase(database: Db): void {
  const c = connectionsOf(database);
  if (c.readerClient !== c.writerClient) c.readerClient.close();
  c.writerClient.close();
}

/**
 * The app's database, opened lazily on first use: `next build` imports route modules, and
 * opening the file at import time would create data/ during the build.
 */
export function db(): Db {
  if (!globalForDb.patternwiseDb) globalForDb.patternwiseDb = openDatabase(databasePath());
  return globalForDb.patternwiseDb;
}
