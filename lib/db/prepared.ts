import type Database from 'better-sqlite3';
import { sqliteOf, type Db } from './client';

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

type Param = string | number | null;

/**
 * Plain SQL with `?` parameters, for the statements that are faster or clearer written out.
 * Results are promises on every engine; here they come from statements prepared once per
 * connection. Write portable SQL (timestamps are epoch ms and booleans 0/1 on every engine).
 */
export interface Raw {
  all<T>(sql: string, ...params: Param[]): Promise<T[]>;
  get<T>(sql: string, ...params: Param[]): Promise<T | undefined>;
  run(sql: string, ...params: Param[]): Promise<{ changes: number }>;
}

export function raw(executor: Db): Raw {
  const sqlite = sqliteOf(executor);
  return {
    all: async <T>(sql: string, ...params: Param[]) => prepared(sqlite, sql).all(...params) as T[],
    get: async <T>(sql: string, ...params: Param[]) => prepared(sqlite, sql).get(...params) as T | undefined,
    run: async (sql: string, ...params: Param[]) => ({ changes: prepared(sqlite, sql).run(...params).changes }),
  };
}
