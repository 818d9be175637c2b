import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { userSettings, type UserSettingsRow } from './schema';

function selectSettings(database: Db) {
  return database.select().from(userSettings).where(eq(userSettings.userId, sql.placeholder('userId'))).prepare();
}
/** Prepared once per database: every grade and page reads the settings row. */
const statements = new WeakMap<Db, ReturnType<typeof selectSettings>>();

/** The learner's settings row, created with the defaults if it is missing. */
export function getSettingsRow(database: Db, userId: string): UserSettingsRow {
  let select = statements.get(database);
  if (!select) {
    select = selectSettings(database);
    statements.set(database, select);
  }
  const row = select.get({ userId });
  if (row) return row;
  return database.insert(userSettings).values({ userId }).onConflictDoNothing().returning().get()
    ?? database.select().from(userSettings).where(eq(userSettings.userId, userId)).get()!;
}
