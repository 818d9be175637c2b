import { AsyncLocalStorage } from 'node:async_hooks';
import { adoptHandle, engineOfHandle, sqliteOf, writerOf, type Db } from './client';
import { groupCommit } from './group-commit';
import { raw } from './prepared';

/** The transaction the current async call chain is inside, if any (shared by every copy of this module). */
const globalForTx = globalThis as unknown as { [key: symbol]: AsyncLocalStorage<Db> | undefined };
const CURRENT = Symbol.for('patternwise.db.currentTransaction');
const current = (globalForTx[CURRENT] ??= new AsyncLocalStorage<Db>());

/** What drizzle's PostgreSQL handles and transactions offer for transactions (savepoints when nested). */
interface PgTransactional {
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` in one transaction and resolves with its result once it is committed; if it
 * throws, nothing it wrote is kept. Every write in the app goes through here
 * (docs/decisions/018). Called inside another transaction on the same database, it is a
 * savepoint of that one.
 *
 * SQLite: the transaction joins the process's group commit (docs/decisions/015): it runs on
 * the writer connection in its own savepoint inside a shared BEGIN IMMEDIATE, one at a time,
 * and is answered after the COMMIT.
 *
 * PostgreSQL: a transaction of its own on a pooled connection (READ COMMITTED); see
 * lockLearner for what serialises one learner's writes across servers.
 */
export async function transaction<T>(database: Db, work: (tx: Db) => Promise<T> | T): Promise<T> {
  const open = current.getStore();
  if (engineOfHandle(database) === 'postgres') {
    // writerOf: the pool's handle, for the database and for any transaction on it.
    const inside = open !== undefined && writerOf(open) === writerOf(database);
    const on = (inside ? open : writerOf(database)) as unknown as PgTransactional;
    return on.transaction(async (tx) => {
      adoptHandle(tx, database);
      return current.run(tx, () => work(tx));
    });
  }
  const writer = writerOf(database);
  if (open === writer) return savepoint(writer, work);
  return groupCommit(writer).run(() => current.run(writer, () => work(writer)));
}

let savepoints = 0;

async function savepoint<T>(writer: Db, work: (tx: Db) => Promise<T> | T): Promise<T> {
  const sqlite = sqliteOf(writer);
  const name = `nested_${++savepoints}`;
  sqlite.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work(writer);
    sqlite.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    if (sqlite.inTransaction) {
      sqlite.exec(`ROLLBACK TO ${name}`);
      sqlite.exec(`RELEASE ${name}`);
    }
    throw error;
  }
}

/** A unique constraint refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE), possibly wrapped by drizzle. */
export function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    const code = (x as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  }
  return false;
}

/** The first row of a query (undefined when there is none): drizzle's `.get()`, on every engine. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/**
 * Serialises the learner's read-then-write transactions (a grade, an undo, a quiz or cram answer, an optimizer or
 * restore claim) with each other, whichever server runs them. On SQLite every write
 * transaction already holds the one write lock from its start, so there is nothing more to
 * take; on PostgreSQL it is a transaction-scoped advisory lock on the learner's id, released
 * at COMMIT or ROLLBACK.
 */
export async function lockLearner(tx: Db, userId: string): Promise<void> {
  if (engineOfHandle(tx) !== 'postgres') return;
  await raw(tx).run('select pg_advisory_xact_lock(hashtextextended(?, 0))', userId);
}
