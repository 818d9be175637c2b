/**
 * A scratch PostgreSQL database for the scripts that need one (two-servers, bench pg): on the
 * server TEST_POSTGRES_URL names, or else on a throwaway local server started with
 * scripts/pg-local.mjs on PG_LOCAL_PORT (default 55433, so as not to meet the test server on
 * 55432). `drop()` drops the database and stops a server started here; safe to call twice.
 */
import { canStartLocalPostgres, createScratchDatabase, startLocalPostgres } from './pg-local.mjs';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  let server = process.env.TEST_POSTGRES_URL;
  let local: ReturnType<typeof startLocalPostgres> | null = null;
  if (!server) {
    if (!canStartLocalPostgres()) throw new Error('set TEST_POSTGRES_URL to a PostgreSQL server (no local PostgreSQL binaries to start one)');
    local = startLocalPostgres({ port: Number(process.env.PG_LOCAL_PORT) || 55433 });
    server = local.url;
    console.log(`postgres: started a local server at ${server}`);
  }
  const scratch = await createScratchDatabase(server, prefix);
  return {
    ...scratch,
    drop: async () => {
      try {
        await scratch.drop();
      } finally {
        local?.stop();
      }
    },
  };
}
