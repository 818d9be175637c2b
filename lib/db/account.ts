import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { users } from './schema';

/** Every table that holds rows of a learner's, by its `user_id` column (found from the schema itself). */
export function userTables(database: Db): string[] {
  const tables = database.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`);
  return tables
    .map((t) => t.name)
    .filter((name) => database.all<{ name: string }>(sql.raw(`select name from pragma_table_info('${name.replace(/'/g, "''")}')`)).some((c) => c.name === 'user_id'));
}

/** How many rows of the learner's each table holds: what deleting the account removes. */
export function accountFootprint(database: Db, userId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of userTables(database)) {
    const row = database.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)} where user_id = ${userId}`);
    out[table] = row?.n ?? 0;
  }
  return out;
}

/**
 * Deletes the learner and every row that is theirs, in one transaction: each table with a
 * `user_id` column (so a table added later is not forgotten), rows that hang on those (quiz
 * answers go with their attempts), then the user.
 */
export function deleteAccount(database: Db, userId: string): void {
  database.transaction((tx) => {
    tx.run(sql`delete from quiz_answers where attempt_id in (select id from quiz_attempts where user_id = ${userId})`);
    for (const table of userTables(database)) {
      if (table === 'users') continue;
      tx.run(sql`delete from ${sql.identifier(table)} where user_id = ${userId}`);
    }
    tx.delete(users).where(eq(users.id, userId)).run();
  });
}
