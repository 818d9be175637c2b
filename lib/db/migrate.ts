import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { engineOfHandle, poolOf, sqliteOf, writerOf, type Db } from './client';
import { applyPgMigrations, pgMigrationStatus, readJournal } from './migrate-pg';

export const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), 'drizzle');

/**
 * Applies the pending migrations. Several server processes may start at once on one file:
 * each migration runs in a transaction, and a process that finds another one migrating
 * (SQLITE_BUSY: the other committed first or holds the write lock) waits and tries again,
 * then finds the migrations applied and does nothing. Each migration is applied once.
 */
export async function applyMigrations(database: Db, folder?: string): Promise<void> {
  if (engineOfHandle(database) === 'postgres') return applyPgMigrations(pgHandle(database), folder);
  applySqliteMigrations(database, folder);
}

/** drizzle's node-postgres handle with its pool, as migrate-pg.ts takes it. */
function pgHandle(database: Db) {
  return writerOf(database) as unknown as NodePgDatabase<Record<string, unknown>> & { $client: ReturnType<typeof poolOf> };
}

function applySqliteMigrations(database: Db, folder = MIGRATIONS_FOLDER): void {
  const writer = writerOf(database) as unknown as BetterSQLite3Database<Record<string, unknown>>;
  for (let attempt = 0; ; attempt++) {
    try {
      migrate(writer, { migrationsFolder: folder });
      return;
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code ?? '';
      // The migrator reads the applied migrations before it begins its transaction: another process
      // may commit the same migration in between, and this one then finds its tables already there.
      // Trying again reads the journal afresh and finds them applied.
      const message = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message ?? '';
      const raced = code === 'SQLITE_ERROR' && /already exists|duplicate column/.test(message);
      if ((!code.startsWith('SQLITE_BUSY') && !raced) || attempt >= 50) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 + Math.floor(Math.random() * 50));
    }
  }
}

/** Compares the journal drizzle-kit wrote with what the database has applied. */
export async function migrationStatus(database: Db, folder?: string): Promise<{ current: boolean; applied: number; expected: number }> {
  if (engineOfHandle(database) === 'postgres') return pgMigrationStatus(pgHandle(database), folder);
  return sqliteMigrationStatus(database, folder);
}

function sqliteMigrationStatus(database: Db, folder = MIGRATIONS_FOLDER): { current: boolean; applied: number; expected: number } {
  const { expected, latest } = readJournal(folder);
  const sqlite = sqliteOf(database);
  const table = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return { current: expected === 0, applied: 0, expected };
  const row = sqlite
    .prepare('select count(*) as n, max(created_at) as last from __drizzle_migrations')
    .get() as { n: number; last: number | null };
  return { current: row.n >= expected && (row.last ?? 0) >= latest, applied: row.n, expected };
}
