/** Creates the demo learner (idempotent) and prints the login. */
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { createUser, findUserByEmail } from '../lib/db/users';
import { hashPassword } from '../lib/auth/password';
import { databasePath } from '../lib/env';

export const DEMO_EMAIL = 'demo@patternwise.dev';
export const DEMO_PASSWORD = 'patterns-demo-2026';

const database = openDatabase(databasePath());
applyMigrations(database);
if (!findUserByEmail(database, DEMO_EMAIL)) {
  createUser(database, { email: DEMO_EMAIL, name: 'Demo Learner', passwordHash: await hashPassword(DEMO_PASSWORD) });
  console.log('seed: created the demo learner');
}
console.log(`demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
database.$client.close();
