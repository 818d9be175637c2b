import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { userSettings, type UserSettingsRow } from './tables';
import { first, transaction } from './tx';

/** The learner's settings row, created with the defaults if it is missing. */
export async function getSettingsRow(database: Db, userId: string): Promise<UserSettingsRow> {
  const row = await first(database.select().from(userSettings).where(eq(userSettings.userId, userId)));
  if (row) return row;
  return transaction(database, async (tx) => {
    await tx.insert(userSettings).values({ userId }).onConflictDoNothing();
    return (await first(tx.select().from(userSettings).where(eq(userSettings.userId, userId))))!;
  });
}
