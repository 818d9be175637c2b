import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgClient, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const PG_MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), 'drizzle-pg');

/**
 * The key of the session-level advisory lock taken while migrating: any fixed bigint that
 * nothing else in the app locks on. Every server of one database uses the same.
 */
export const PG_MIGRATION_LOCK_KEY = 7_305_119_019;

type AnyPgDb = NodePgDatabase<Record<string, unknown>> & { $client: NodePgClient };

/**
 * Applies the pending migrations from drizzle-pg/. Several servers may start at once on one
 * database: each takes the advisory lock first, on one connection, and migrates on that same
 * connection (drizzle's migrator runs all pending migrations in one transaction), so the first
 * applies them and the others wait, then find them applied and do nothing. The lock is
 * released on that connection; if releasing fails the connection is discarded, which ends its
 * session and so its lock.
 */
export async function applyPgMigrations(database: AnyPgDb, folder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const client = database.$client;
  const pooled = client instanceof pg.Pool;
  const conn: pg.PoolClient | pg.Client = pooled ? await client.connect() : (client as pg.PoolClient | pg.Client);
  let broken: Error | undefined;
  try {
    await conn.query('select pg_advisory_lock($1)', [PG_MIGRATION_LOCK_KEY]);
    await migrate(drizzle({ client: conn }), { migrationsFolder: folder });
  } finally {
    try {
      await conn.query('select pg_advisory_unlock($1)', [PG_MIGRATION_LOCK_KEY]);
    } catch (e) {
      broken = e as Error;
    }
    if (pooled) (conn as pg.PoolClient).release(broken);
  }
}

/** The journal drizzle-kit wrote in a migrations folder: how many migrations, and the newest one's time. */
export function readJournal(folder: string): { expected: number; latest: number } {
  const journal = JSON.parse(fs.readFileSync(path.join(/* turbopackIgnore: true */ folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return { expected: journal.entries.length, latest: Math.max(0, ...journal.entries.map((e) => e.when)) };
}

/** Compares the journal drizzle-kit wrote with what the database has applied (as migrationStatus does for SQLite). */
export async function pgMigrationStatus(
  database: AnyPgDb,
  folder = PG_MIGRATIONS_FOLDER,
): Promise<{ current: boolean; applied: number; expected: number }> {
  const { expected, latest } = readJournal(folder);
  // drizzle's migrator keeps its table in the `drizzle` schema on PostgreSQL.
  const found = await database.execute<{ t: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!found.rows[0]?.t) return { current: expected === 0, applied: 0, expected };
  const result = await database.execute<{ n: number | string; last: number | string | null }>(
    sql`select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations`,
  );
  // Numbers whether or not configurePgTypes() has run (int8 is a string without it).
  const row = result.rows[0] ?? { n: 0, last: null };
  const applied = Number(row.n);
  const last = Number(row.last ?? 0);
  return { current: applied >= expected && last >= latest, applied, expected };
}
