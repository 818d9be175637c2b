import type Database from 'better-sqlite3';

/**
 * Statements on the hot paths (grading, the session check, the queue) are prepared once per
 * connection and kept: drizzle's query builder rebuilds and re-prepares a statement on every
 * call, which was most of a grade's cost (issue 11).
 */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(sqlite);
  if (!byText) {
    byText = new Map();
    cache.set(sqlite, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

/**
 * The better-sqlite3 connection under a drizzle database or transaction. A transaction runs
 * on its database's session, so statements prepared on the connection join it.
 */
export function rawClient(executor: unknown): Database.Database {
  const e = executor as { $client?: Database.Database; session?: { client?: Database.Database } };
  const client = e.$client ?? e.session?.client;
  if (!client) throw new Error('rawClient: not a better-sqlite3 drizzle database');
  return client;
}
