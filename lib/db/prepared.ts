import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { engineOfHandle, sqliteOf, type Db } from './client';

/**
 * Statements on the hot paths (grading, the session check, the queue) are prepared once per
 * connection and kept: drizzle's query builder rebuilds and re-prepares a statement on every
 * call, which was most of a grade's cost (issue 11).
 */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let byText = cache.get(sqlite);
  if (!byText) {
    byText = new Map();
    cache.set(sqlite, byText);
  }
  let statement = byText.get(text);
  if (!statement) {
    statement = sqlite.prepare(text);
    byText.set(text, statement);
  }
  return statement;
}

type Param = string | number | null;

/**
 * Plain SQL with `?` parameters, for the statements that are faster or clearer written out.
 * Results are promises on every engine. Write portable SQL (docs/decisions/018): timestamps
 * are epoch ms and booleans 0/1 on both engines; `rowid`, SQLite's insertion order used as a
 * tie-breaker, becomes `ctid` on PostgreSQL.
 */
export interface Raw {
  all<T>(text: string, ...params: Param[]): Promise<T[]>;
  get<T>(text: string, ...params: Param[]): Promise<T | undefined>;
  run(text: string, ...params: Param[]): Promise<{ changes: number }>;
}

export function raw(executor: Db): Raw {
  if (engineOfHandle(executor) === 'postgres') return pgRaw(executor);
  const sqlite = sqliteOf(executor);
  return {
    all: async <T>(text: string, ...params: Param[]) => prepared(sqlite, text).all(...params) as T[],
    get: async <T>(text: string, ...params: Param[]) => prepared(sqlite, text).get(...params) as T | undefined,
    run: async (text: string, ...params: Param[]) => ({ changes: prepared(sqlite, text).run(...params).changes }),
  };
}

interface PgExecutor {
  execute(query: SQL): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** `?` placeholders as drizzle parameters ($1, $2, … on the wire), `rowid` as `ctid`. */
export function toPgSql(text: string, params: Param[]): SQL {
  const parts = text.replace(/\browid\b/g, 'ctid').split('?');
  if (parts.length - 1 !== params.length) throw new Error(`raw SQL has ${parts.length - 1} placeholders and ${params.length} parameters`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks);
}

function pgRaw(executor: Db): Raw {
  const ex = executor as unknown as PgExecutor;
  return {
    all: async <T>(text: string, ...params: Param[]) => (await ex.execute(toPgSql(text, params))).rows as T[],
    get: async <T>(text: string, ...params: Param[]) => (await ex.execute(toPgSql(text, params))).rows[0] as T | undefined,
    run: async (text: string, ...params: Param[]) => ({ changes: (await ex.execute(toPgSql(text, params))).rowCount ?? 0 }),
  };
}
