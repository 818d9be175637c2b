import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, gte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { getTableConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPgMigrations, PG_MIGRATION_LOCK_KEY, PG_MIGRATIONS_FOLDER, pgMigrationStatus } from './migrate-pg';
import { configurePgTypes } from './pg-types';
import * as schema from './schema.pg';
import { pgTablesOf } from './schema-compare';

/**
 * Runs only with TEST_POSTGRES_URL (e.g. from `node scripts/pg-local.mjs start`). Each run
 * works in databases of its own, created here and dropped at the end.
 */
const url = process.env.TEST_POSTGRES_URL;
const expected = (JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries
  .length;

describe.skipIf(!url)('PostgreSQL: migrations, the advisory lock, and the row mapping', () => {
  let admin: pg.Pool;
  const created: string[] = [];
  const pools: pg.Pool[] = [];

  /** A new empty database and a pool on it. */
  async function freshDatabase(): Promise<{ name: string; url: string }> {
    const name = `pw_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${name}`);
    created.push(name);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    return { name, url: u.toString() };
  }
  function pool(connectionString: string): pg.Pool {
    const p = new pg.Pool({ connectionString, max: 4 });
    pools.push(p);
    return p;
  }

  let main: ReturnType<typeof drizzle<typeof schema>>;
  let mainUrl: string;

  beforeAll(async () => {
    configurePgTypes();
    admin = new pg.Pool({ connectionString: url, max: 1 });
    mainUrl = (await freshDatabase()).url;
    main = drizzle({ client: pool(mainUrl), schema });
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    // Without force: DROP DATABASE waits (up to 5 s) for the pools' sessions to finish closing;
    // forcing it would kill sessions a pool is still ending, and they would report an error.
    for (const name of created) {
      await admin?.query(`drop database if exists ${name}`).catch(() => admin.query(`drop database if exists ${name} with (force)`));
    }
    await admin?.end();
  });

  it('applies the migrations to an empty database, and the status says so', async () => {
    expect(await pgMigrationStatus(main)).toEqual({ current: expected === 0, applied: 0, expected });
    await applyPgMigrations(main);
    expect(await pgMigrationStatus(main)).toEqual({ current: true, applied: expected, expected });
  });

  it('creates every table, column (type, nullability), index, unique constraint and foreign key of schema.pg.ts', async () => {
    const client = main.$client;
    for (const table of pgTablesOf(schema)) {
      const config = getTableConfig(table);
      const { rows: columns } = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `select column_name, data_type, is_nullable from information_schema.columns
          where table_schema = 'public' and table_name = $1 order by ordinal_position`,
        [config.name],
      );
      // Same columns, same order (rate-limiter-flexible inserts rate_limits rows without naming columns).
      expect(columns.map((c) => c.column_name), config.name).toEqual(config.columns.map((c) => c.name));
      for (const column of config.columns) {
        const found = columns.find((c) => c.column_name === column.name)!;
        expect(`${config.name}.${found.column_name} ${found.data_type}`).toBe(`${config.name}.${column.name} ${column.getSQLType()}`);
        expect(`${config.name}.${column.name} nullable ${found.is_nullable}`).toBe(`${config.name}.${column.name} nullable ${column.notNull ? 'NO' : 'YES'}`);
      }
      const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = $1`,
        [config.name],
      );
      for (const index of config.indexes) {
        const found = indexes.find((i) => i.indexname === index.config.name);
        expect(found, `${config.name}: index ${index.config.name}`).toBeDefined();
        const columnList = index.config.columns.map((c) => `"${(c as { name: string }).name}"`).join(', ');
        // pg_indexes quotes only names that need it; compare without quotes.
        expect(found!.indexdef.replace(/"/g, '')).toContain(`(${columnList.replace(/"/g, '')})`);
      }
      const uniques = [
        ...config.columns.filter((c) => c.isUnique).map((c) => c.uniqueName!),
        ...config.uniqueConstraints.map((u) => u.getName()),
      ];
      const { rows: constraints } = await client.query<{ conname: string; contype: string; confdeltype: string }>(
        `select conname, contype, confdeltype from pg_constraint where conrelid = $1::regclass`,
        [`public.${config.name}`],
      );
      for (const name of uniques) expect(constraints.find((c) => c.conname === name && c.contype === 'u'), `${config.name}: unique ${name}`).toBeDefined();
      expect(constraints.filter((c) => c.contype === 'p'), `${config.name}: primary key`).toHaveLength(1);
      // confdeltype: a no action, c cascade, n set null.
      const deleteRule = { 'no action': 'a', cascade: 'c', 'set null': 'n', restrict: 'r', 'set default': 'd' } as const;
      const wanted = config.foreignKeys.map((fk) => deleteRule[fk.onDelete ?? 'no action']).sort();
      expect(constraints.filter((c) => c.contype === 'f').map((c) => c.confdeltype).sort(), `${config.name}: foreign keys`).toEqual(wanted);
    }
  });

  it('applying again from two pools at once changes nothing', async () => {
    const a = drizzle({ client: pool(mainUrl) });
    const b = drizzle({ client: pool(mainUrl) });
    await Promise.all([applyPgMigrations(a), applyPgMigrations(b)]);
    const { rows } = await main.$client.query('select count(*) as n from drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(expected); // a number: configurePgTypes() parses int8
  });

  it('two servers migrating an empty database at once: one applies, the other waits and finds it done', async () => {
    const fresh = await freshDatabase();
    const a = drizzle({ client: pool(fresh.url) });
    const b = drizzle({ client: pool(fresh.url) });
    await Promise.all([applyPgMigrations(a), applyPgMigrations(b)]);
    expect(await pgMigrationStatus(a)).toEqual({ current: true, applied: expected, expected });
  });

  it('waits while another session holds the migration lock', async () => {
    const holder = await pool(mainUrl).connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [PG_MIGRATION_LOCK_KEY]);
      let done = false;
      const applying = applyPgMigrations(drizzle({ client: pool(mainUrl) })).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 400));
      expect(done).toBe(false);
      await holder.query('select pg_advisory_unlock($1)', [PG_MIGRATION_LOCK_KEY]);
      await applying;
      expect(done).toBe(true);
    } finally {
      holder.release();
    }
  });

  it('round-trips a card_states row: times as Date, booleans as boolean, raw SQL sees epoch ms and 0/1', async () => {
    const { users, userSettings, cardStates } = schema;
    await main.insert(users).values({ id: 'u1', email: 'pg@example.com', passwordHash: 'x' });
    await main.insert(userSettings).values({ userId: 'u1' });
    const due = new Date('2026-03-01T04:05:06.789Z');
    const now = new Date('2026-02-01T00:00:00.001Z');
    await main.insert(cardStates).values({
      userId: 'u1',
      itemId: 'saga/compensation',
      topicId: 'saga',
      kind: 'card',
      due,
      stability: 3.25,
      difficulty: 5.5,
      elapsedDays: 0,
      scheduledDays: 28,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 2,
      lastReview: now,
      suspended: true,
      createdAt: now,
      updatedAt: now,
    });
    const [row] = await main.select().from(cardStates).where(and(eq(cardStates.userId, 'u1'), eq(cardStates.suspended, true)));
    if (!row) throw new Error('the card_states row was not read back');
    expect(row.due).toBeInstanceOf(Date);
    expect(row.due.getTime()).toBe(due.getTime());
    expect(row.lastReview?.getTime()).toBe(now.getTime());
    expect(row.buriedUntil).toBeNull();
    expect(row.suspended).toBe(true);
    expect(row.stability).toBe(3.25);
    expect(row.scheduledDays).toBe(28);

    // A Date compared through the column (eq, gte, ...) maps to epoch ms. In a raw sql`` template
    // it is not mapped (node-postgres would send it as a timestamp string): pass getTime() there.
    expect(await main.$count(cardStates, gte(cardStates.due, due))).toBe(1);
    expect(await main.$count(cardStates, sql`${cardStates.due} >= ${due.getTime()}`)).toBe(1);
    await expect(main.$count(cardStates, sql`${cardStates.due} >= ${due}`)).rejects.toThrow();
    // Raw SQL: the same representation as on SQLite.
    const raw = await main.execute<{ due: number; suspended: number; total: number }>(
      sql`select due, suspended, sum(due) as total from card_states where suspended = 1 group by due, suspended`,
    );
    expect(raw.rows).toEqual([{ due: due.getTime(), suspended: 1, total: due.getTime() }]); // int8 and numeric as numbers

    await main.update(cardStates).set({ suspended: false }).where(eq(cardStates.itemId, 'saga/compensation'));
    const [after] = await main.select({ suspended: cardStates.suspended }).from(cardStates);
    expect(after?.suspended).toBe(false);

    // Defaults: now in epoch ms, and 0/1 booleans.
    const [user] = await main.select().from(users).where(eq(users.id, 'u1'));
    expect(user?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(user!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [settings] = await main.select().from(userSettings).where(eq(userSettings.userId, 'u1'));
    expect(settings).toMatchObject({ fuzz: true, loadBalance: true, autoOptimize: true, desiredRetention: 0.9, timezoneSource: 'default' });
  });

  it('rate_limits suits RateLimiterPostgres (tableCreated: true)', async () => {
    const limiter = new RateLimiterPostgres({
      storeClient: main.$client,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'test',
      points: 2,
      duration: 60,
    });
    const first = await limiter.consume('addr');
    expect(first.remainingPoints).toBe(1);
    await limiter.consume('addr');
    await expect(limiter.consume('addr')).rejects.toMatchObject({ remainingPoints: 0 });
    const { rows } = await main.$client.query('select key, points, expire from rate_limits');
    expect(rows).toEqual([{ key: 'test:addr', points: 3, expire: expect.any(Number) }]);
    expect(rows[0].expire).toBeGreaterThan(Date.now());
  });
});
