import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations (drizzle-pg/), the twin of drizzle.config.ts (SQLite, drizzle/). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.pg.ts',
  out: './drizzle-pg',
});
