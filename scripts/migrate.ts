/** Applies drizzle/ migrations to the database (DATABASE_URL or data/patternwise.db). */
import path from 'node:path';
import { closeDatabase, openDatabase } from '../lib/db/client';
import { applyMigrations, migrationStatus } from '../lib/db/migrate';
import { databasePath } from '../lib/env';

const file = databasePath();
const database = openDatabase(file);
applyMigrations(database);
const status = await migrationStatus(database);
console.log(`migrations: ${status.applied} applied to ${path.resolve(file)}`);
closeDatabase(database);
