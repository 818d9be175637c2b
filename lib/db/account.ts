import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import { raw } from './prepared';
import * as schema from './schema';
import { transaction } from './tx';

/** Every table that holds rows of a learner's, by its `user_id` column (found from the schema itself). */
export function userTables(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((t): t is SQLiteTable => is(t, SQLiteTable))
    .filter((t) => Object.values(getTableColumns(t)).some((c) => c.name === 'user_id'))
    .map((t) => getTableName(t));
}

/** How many rows of the learner's each table holds: what deleting the account removes. */
export async function accountFootprint(database: Db, userId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of userTables()) {
    const row = await raw(database).get<{ n: number }>(`select count(*) as n from "${table}" where user_id = ?`, userId);
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

/**
 * Deletes the learner and every row that is theirs, in one transaction: each table with a
 * `user_id` column (so a table added later is not forgotten), rows that hang on those (quiz
 * answers go with their attempts), then the user.
 */
export async function deleteAccount(database: Db, userId: string): Promise<void> {
  await transaction(database, async (tx) => {
    const r = raw(tx);
    await r.run('delete from quiz_answers where attempt_id in (select id from quiz_attempts where user_id = ?)', userId);
    for (const table of userTables()) {
      if (table === 'users') continue;
      await r.run(`delete from "${table}" where user_id = ?`, userId);
    }
    await r.run('delete from users where id = ?', userId);
  });
}
