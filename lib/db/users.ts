import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { users, userSettings, type User } from './schema';

export class EmailTakenError extends Error {
  constructor() {
    super('An account with that email already exists.');
  }
}

export function findUserByEmail(database: Db, email: string): User | undefined {
  return database.select().from(users).where(eq(users.email, email)).get();
}

export function getUser(database: Db, userId: string): User | undefined {
  return database.select().from(users).where(eq(users.id, userId)).get();
}

/** Creates the user and their settings row in one transaction. */
export function createUser(
  database: Db,
  input: { email: string; name?: string | null; passwordHash: string; timezone?: string },
): User {
  return database.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) throw new EmailTakenError();
    const user = tx
      .insert(users)
      .values({ id: crypto.randomUUID(), email: input.email, name: input.name || null, passwordHash: input.passwordHash })
      .returning()
      .get();
    tx.insert(userSettings)
      .values({ userId: user.id, ...(input.timezone ? { timezone: input.timezone, timezoneSource: 'detected' as const } : {}) })
      .run();
    return user;
  });
}
