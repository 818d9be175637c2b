/**
 * A scratch PostgreSQL database for the scripts that need one (two-servers, bench pg): on the
 * server TEST_POSTGRES_URL names, or else on a throwaway local server started with
 * scripts/pg-local.mjs on PG_LOCAL_PORT (default 55433, so as not to meet the test server on
 * 55432). `drop()` drops the database and stops a server started here; safe to call twice.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { canStartLocalPostgres, startLocalPostgres } from './pg-local.mjs';

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
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  let dropped = false;
  return {
    url,
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      try {
        await admin(`drop database if exists ${name} with (force)`);
      } finally {
        local?.stop();
      }
    },
  };
}
