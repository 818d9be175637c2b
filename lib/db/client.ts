import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { databasePath, env } from '@/lib/env';
import { engineOf, type Engine } from './engine';
import { configurePgTypes } from './pg-types';
import * as schema from './schema';
import * as pgSchema from './schema.pg';

/**
 * The query surface every data function is written against (docs/decisions/018): drizzle's
 * builders, always awaited. Awaiting works whether the engine answers at once (SQLite) or
 * over the network, so one body of query code serves both. Writes go through
 * `transaction()` (lib/db/tx.ts), never straight to a database handle.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

interface Connections {
  engine: Engine;
  /** SQLite: where transactions run, one connection per process, used by one transaction batch at a time. PostgreSQL: the pool's handle, the one openDatabase returned. */
  writer: Db;
  writerClient?: Database.Database;
  /** SQLite: reads outside transactions (query_only); they never see another request's uncommitted writes. */
  readerClient?: Database.Database;
  /** PostgreSQL: the connection pool. */
  pool?: pg.Pool;
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
 * Opens the database `location` names: a `postgres://` URL opens a pool on PostgreSQL;
 * anything else is a SQLite file (or `:memory:`), opened with the pragmas every connection
 * needs, a writer connection for transactions and a query-only reader for everything else
 * (an in-memory database has one connection for both). Returns the handle for reads;
 * `transaction()` (lib/db/tx.ts) finds the writer.
 */
export function openDatabase(location: string): Db {
  if (engineOf(location) === 'postgres') return openPostgres(location);
  const file = location.startsWith('file:') ? location.slice('file:'.length) : location;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(/* turbopackIgnore: true */ file)), { recursive: true });
  const writerClient = connect(file);
  const writer = drizzle(writerClient, { schema }) as unknown as Db;
  if (file === ':memory:') {
    connections.set(writer, { engine: 'sqlite', writer, writerClient, readerClient: writerClient });
    return writer;
  }
  const readerClient = connect(file);
  readerClient.pragma('query_only = ON');
  const reader = drizzle(readerClient, { schema }) as unknown as Db;
  const c: Connections = { engine: 'sqlite', writer, writerClient, readerClient };
  connections.set(reader, c);
  connections.set(writer, c);
  return reader;
}

/** A pool on PostgreSQL; PG_POOL_SIZE connections at most per server process (default 10). */
function openPostgres(url: string): Db {
  configurePgTypes();
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE) || 10 });
  // An idle connection that the server dropped must not take the process down.
  pool.on('error', (e) => console.error('postgres pool:', e.message));
  const handle = drizzlePg({ client: pool, schema: pgSchema }) as unknown as Db;
  connections.set(handle, { engine: 'postgres', writer: handle, pool });
  return handle;
}

function connectionsOf(database: Db): Connections {
  const c = connections.get(database);
  if (!c) throw new Error('Not a database opened by openDatabase');
  return c;
}

/** The engine a handle (or a transaction on it) runs on. */
export function engineOfHandle(database: Db): Engine {
  return connectionsOf(database).engine;
}

/** Marks a transaction handle as belonging to `database` (lib/db/tx.ts does it for every PostgreSQL transaction). */
export function adoptHandle(tx: Db, database: Db): void {
  connections.set(tx, connectionsOf(database));
}

/** The connection transactions run on (the database itself when it is the writer or in memory, and on PostgreSQL). */
export function writerOf(database: Db): Db {
  return connectionsOf(database).writer;
}

/**
 * Runs `work` (generated data: the demo history, benchmark fixtures) without SQLite's fsync at
 * each commit, and puts synchronous=FULL back afterwards, even when it throws; on PostgreSQL it
 * just runs it. Never for a learner's own writes (docs/decisions/006).
 */
export async function unsynced<T>(database: Db, work: () => Promise<T>): Promise<T> {
  const writer = engineOfHandle(database) === 'sqlite' ? sqliteOf(writerOf(database)) : null;
  writer?.pragma('synchronous = OFF');
  try {
    return await work();
  } finally {
    writer?.pragma('synchronous = FULL');
  }
}

/** The better-sqlite3 connection under a SQLite handle (the writer's for the writer, the reader's otherwise). */
export function sqliteOf(database: Db): Database.Database {
  const c = connectionsOf(database);
  if (c.engine !== 'sqlite') throw new Error('sqliteOf: this database is not SQLite');
  return (database === c.writer ? c.writerClient : c.readerClient)!;
}

/** The pool under a PostgreSQL handle. */
export function poolOf(database: Db): pg.Pool {
  const c = connectionsOf(database);
  if (!c.pool) throw new Error('poolOf: this database is not PostgreSQL');
  return c.pool;
}

/** Closes the connections (SQLite: both; PostgreSQL: the pool, once its clients are back). */
export async function closeDatabase(database: Db): Promise<void> {
  const c = connectionsOf(database);
  if (c.pool) {
    await c.pool.end();
    return;
  }
  if (c.readerClient !== c.writerClient) c.readerClient!.close();
  c.writerClient!.close();
}

/** What `DATABASE_URL` names: a PostgreSQL URL as it is, or the SQLite file's path. */
export function databaseLocation(): string {
  const url = env().DATABASE_URL;
  return engineOf(url) === 'postgres' ? url : databasePath();
}

/**
 * The app's database, opened lazily on first use: `next build` imports route modules, and
 * opening the file at import time would create data/ during the build.
 */
export function db(): Db {
  if (!globalForDb.patternwiseDb) globalForDb.patternwiseDb = openDatabase(databaseLocation());
  return globalForDb.patternwiseDb;
}
