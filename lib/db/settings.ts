import { eq, sql } from 'drizzle-orm';
import { engineOfHandle, type Db } from './client';
import { userSettings, type UserSettingsRow } from './tables';
import { first, transaction } from './tx';

function selectSettings(database: Db) {
  return database.select().from(userSettings).where(eq(userSettings.userId, sql.placeholder('userId'))).prepare();
}
/**
 * SQLite: prepared once per connection handle (the reader, and the writer every transaction
 * runs on), as every grade and page reads the settings row; a query built each time would be
 * built and prepared again on every call. PostgreSQL: a transaction gets a new handle each
 * time, so there is nothing to keep.
 */
const statements = new WeakMap<Db, ReturnType<typeof selectSettings>>();

function readSettingsRow(database: Db, userId: string): Promise<UserSettingsRow | undefined> {
  if (engineOfHandle(database) !== 'sqlite') return first(database.select().from(userSettings).where(eq(userSettings.userId, userId)));
  let select = statements.get(database);
  if (!select) {
    select = selectSettings(database);
    statements.set(database, select);
  }
  return first(select.all({ userId }));
}

/** The learner's settings row, created with the defaults if it is missing. */
export async function getSettingsRow(database: Db, userId: string): Promise<UserSettingsRow> {
  const row = await readSettingsRow(database, userId);
  if (row) return row;
  return transaction(database, async (tx) => {
    await tx.insert(userSettings).values({ userId }).onConflictDoNothing();
    return (await readSettingsRow(tx, userId))!;
  });
}
