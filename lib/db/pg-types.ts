import pg from 'pg';

let configured = false;

/**
 * node-postgres returns int8 (bigint: count(*), sum() of integers, epoch-ms columns read by
 * raw SQL) and numeric (sum() of bigints, avg()) as strings, to keep precision. This app's
 * bigints are epoch milliseconds and counts, far below 2^53, so both are parsed to JS numbers,
 * as SQLite returns them. The parsers are process-wide (pg.types, which drizzle's node-postgres
 * driver falls back to for these types): call this once before the first query. Idempotent.
 */
export function configurePgTypes(): void {
  if (configured) return;
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
  configured = true;
}
