import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { userSettings, type UserSettingsRow } from './schema';

/** The learner's settings row, created with the defaults if it is missing. */
export function getSettingsRow(database: Db, userId: string): UserSettingsRow {
  const row = database.select().from(userSettings).where(eq(userSettings.userId, userId)).get();
  if (row) return row;
  return database.insert(userSettings).values({ userId }).onConflictDoNothing().returning().get()
    ?? database.select().from(userSettings).where(eq(userSettings.userId, userId)).get()!;
}
