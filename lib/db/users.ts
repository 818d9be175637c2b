import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { users, userSettings, type User } from './tables';
import { first, isUniqueViolation, transaction } from './tx';

export class EmailTakenError extends Error {
  constructor() {
    super('An account with that email already exists.');
  }
}

export function findUserByEmail(database: Db, email: string): Promise<User | undefined> {
  return first(database.select().from(users).where(eq(users.email, email)));
}

export function getUser(database: Db, userId: string): Promise<User | undefined> {
  return first(database.select().from(users).where(eq(users.id, userId)));
}

/** Creates the user and their settings row in one transaction. */
export async function createUser(
  database: Db,
  input: { email: string; name?: string | null; passwordHash: string; timezone?: string },
): Promise<User> {
  try {
    return await insertUser(database, input);
  } catch (e) {
    // The same email signing up at the same moment (two PostgreSQL servers): the unique index refused the second.
    if (isUniqueViolation(e)) throw new EmailTakenError();
    throw e;
  }
}

function insertUser(database: Db, input: { email: string; name?: string | null; passwordHash: string; timezone?: string }): Promise<User> {
  return transaction(database, async (tx) => {
    if (await first(tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)))) throw new EmailTakenError();
    const [user] = await tx
      .insert(users)
      .values({ id: crypto.randomUUID(), email: input.email, name: input.name || null, passwordHash: input.passwordHash })
      .returning();
    await tx
      .insert(userSettings)
      .values({ userId: user!.id, ...(input.timezone ? { timezone: input.timezone, timezoneSource: 'detected' as const } : {}) });
    return user!;
  });
}
