/** Applies the migrations (drizzle/ on SQLite, drizzle-pg/ on PostgreSQL) to DATABASE_URL's database (default data/patternwise.db). */
import path from 'node:path';
import { closeDatabase, databaseLocation, engineOfHandle, openDatabase } from '../lib/db/client';
import { applyMigrations, migrationStatus } from '../lib/db/migrate';

const file = databaseLocation();
const database = openDatabase(file);
await applyMigrations(database);
const status = await migrationStatus(database);
console.log(`migrations: ${status.applied} applied to ${engineOfHandle(database) === 'postgres' ? 'PostgreSQL ' + new URL(file).host + new URL(file).pathname : path.resolve(file)}`);
await closeDatabase(database);
