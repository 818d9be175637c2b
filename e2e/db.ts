import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { engineOf } from '../lib/db/engine';

/** The journeys' database: the SQLite file the server was started on, or E2E_DATABASE_URL (PostgreSQL). */
export const DB_FILE = path.resolve('test-results', 'e2e', 'patternwise-e2e.db');
const url = process.env.E2E_DATABASE_URL;
const onPostgres = engineOf(url) === 'postgres';

type Param = string | number | null;

/** A few statements a journey runs to set up or check what the app stored, on either engine (SQL with `?` parameters). */
export interface TestDatabase {
  get<T>(sql: string, ...params: Param[]): Promise<T | undefined>;
  all<T>(sql: string, ...params: Param[]): Promise<T[]>;
  run(sql: string, ...params: Param[]): Promise<void>;
  /** The app's tables, by name. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens the journeys' database, runs `work` on it and closes it, whether or not `work` throws. */
export async function withTestDb<T>(work: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await openTestDb();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function openTestDb(): Promise<TestDatabase> {
  if (onPostgres) {
    // Counts and epoch-ms columns as numbers, as SQLite gives them.
    const asNumber = (oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? Number : pg.types.getTypeParser(oid, format);
    const client = new pg.Client({ connectionString: url, types: { getTypeParser: asNumber as typeof pg.types.getTypeParser } });
    await client.connect();
    const query = async (sql: string, params: Param[]) => {
      let n = 0;
      return (await client.query(sql.replace(/\browid\b/g, 'ctid').replace(/\?/g, () => `$${++n}`), params)).rows;
    };
    return {
      get: async <T>(sql: string, ...params: Param[]) => (await query(sql, params))[0] as T | undefined,
      all: async <T>(sql: string, ...params: Param[]) => (await query(sql, params)) as T[],
      run: async (sql: string, ...params: Param[]) => void (await query(sql, params)),
      tables: async () =>
        (await query("select table_name as name from information_schema.tables where table_schema = 'public' order by table_name", [])).map(
          (r) => (r as { name: string }).name,
        ),
      close: () => client.end(),
    };
  }
  const db = new Database(DB_FILE, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    get: async <T>(sql: string, ...params: Param[]) => db.prepare(sql).get(...params) as T | undefined,
    all: async <T>(sql: string, ...params: Param[]) => db.prepare(sql).all(...params) as T[],
    run: async (sql: string, ...params: Param[]) => void db.prepare(sql).run(...params),
    tables: async () =>
      (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name),
    close: async () => void db.close(),
  };
}
