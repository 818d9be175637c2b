import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from './schema';
import * as pgSchema from './schema.pg';
import { bool01, epochMs } from './schema.pg';
import { compareSchemas, describePgTables, describeSqliteTables, pgTablesOf, sqliteTablesOf, type TableShape } from './schema-compare';

const sqliteShape = describeSqliteTables(sqliteTablesOf(sqliteSchema));
const pgShape = describePgTables(pgTablesOf(pgSchema));

describe('schema.ts (SQLite) and schema.pg.ts (PostgreSQL) in lockstep', () => {
  it('have the same tables, columns, types, keys, foreign keys, unique constraints, indexes and defaults', () => {
    // Each line names one difference: change both schema files together (README, "Schema changes").
    expect(compareSchemas(sqliteShape, pgShape)).toEqual([]);
  });

  it('describe every table, and class every column (nothing left as `other:`)', () => {
    expect(sqliteShape.map((t) => t.name).sort()).toEqual(pgShape.map((t) => t.name).sort());
    expect(pgShape.length).toBe(17);
    for (const shape of [sqliteShape, pgShape]) {
      const other = shape.flatMap((t) => t.columns.filter((c) => c.type.startsWith('other:')).map((c) => `${t.name}.${c.name} ${c.type}`));
      expect(other).toEqual([]);
    }
    const due = pgShape.find((t) => t.name === 'card_states')!.columns.find((c) => c.name === 'due')!;
    expect(due).toMatchObject({ type: 'timestamp-ms', notNull: true });
    const fuzz = pgShape.find((t) => t.name === 'user_settings')!.columns.find((c) => c.name === 'fuzz')!;
    expect(fuzz).toMatchObject({ type: 'boolean', default: 'true' });
    const created = pgShape.find((t) => t.name === 'users')!.columns.find((c) => c.name === 'created_at')!;
    expect(created).toMatchObject({ type: 'timestamp-ms', default: 'now-ms' });
    expect(pgShape.find((t) => t.name === 'users')!.uniques).toEqual([{ name: 'users_email_unique', columns: ['email'] }]);
  });
});

describe('compareSchemas names each difference', () => {
  // A deliberately altered card_states (and a users table it references): every kind of difference once.
  const users = pgTable('users', {
    id: text('id').primaryKey(),
    email: text('email').notNull(), // unique constraint dropped
    name: text('name'),
    passwordHash: text('password_hash').notNull(),
    sessionVersion: integer('session_version').notNull().default(0),
    goal: text('goal', { enum: ['pace', 'interview'] }), // one enum value dropped
    onboardedAt: epochMs('onboarded_at'),
    createdAt: epochMs('created_at').notNull().default(sql`now()`), // another default
  });
  const cardStates = pgTable(
    'card_states',
    {
      userId: text('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'set null' }), // cascade on SQLite
      itemId: text('item_id').notNull(),
      topicId: text('topic_id').notNull(),
      kind: text('kind', { enum: ['card', 'question'] }).notNull(),
      due: bigint('due', { mode: 'number' }).notNull(), // a number, not a Date
      stability: doublePrecision('stability').notNull(),
      difficulty: integer('difficulty').notNull(), // integer, not real
      elapsedDays: integer('elapsed_days').notNull(),
      scheduledDays: integer('scheduled_days').notNull(),
      learningSteps: integer('learning_steps').notNull(),
      reps: integer('reps').notNull(),
      lapses: integer('lapses').notNull(),
      state: integer('state').notNull(),
      lastReview: epochMs('last_review'),
      suspended: bool01('suspended').default(sql`0`), // not null dropped
      buriedUntil: epochMs('buried_until'),
      // reset_at missing
      createdAt: epochMs('created_at').notNull(),
      updatedAt: epochMs('updated_at').notNull(),
      extra: text('extra'), // not on SQLite
    },
    (t) => [
      primaryKey({ columns: [t.userId] }), // item_id left out
      index('card_states_user_due').on(t.due, t.userId), // columns swapped
      // card_states_user_state_due missing
      index('card_states_by_topic').on(t.topicId), // not on SQLite
    ],
  );
  const altered = describePgTables([users, cardStates]);
  const real = sqliteShape.filter((t) => t.name === 'users' || t.name === 'card_states');
  const differences = compareSchemas(real, altered);

  it.each([
    'card_states: column reset_at is in sqlite only',
    'card_states: column extra is in pg only',
    'card_states.due: type: sqlite "timestamp-ms", pg "integer"',
    'card_states.difficulty: type: sqlite "real", pg "integer"',
    'card_states.suspended: notNull: sqlite true, pg false',
    'card_states: primary key: sqlite (user_id, item_id), pg (user_id)',
    'card_states: foreign key (user_id) -> users(id): sqlite (user_id) -> users(id) on delete cascade, on update no action; pg (user_id) -> users(id) on delete set null, on update no action',
    'card_states: index card_states_user_state_due (user_id, state, suspended, due) is in sqlite only',
    'card_states: index card_states_by_topic (topic_id) is in pg only',
    'card_states: index card_states_user_due: sqlite card_states_user_due (user_id, due), pg card_states_user_due (due, user_id)',
    'users: unique constraint users_email_unique (email) is in sqlite only',
    'users.goal: enumValues: sqlite ["pace","interview","team"], pg ["pace","interview"]',
    'users.created_at: default: sqlite "now-ms", pg "sql:now()"',
  ])('%s', (line) => {
    expect(differences).toContain(line);
  });

  it('reports a missing table and nothing for tables that agree', () => {
    const withoutTeams = pgShape.filter((t) => t.name !== 'teams');
    expect(compareSchemas(sqliteShape, withoutTeams)).toEqual(['schema: table teams is in sqlite only']);
  });

  it('reports a column order change (rate-limiter-flexible inserts without naming columns)', () => {
    const swapped: TableShape[] = pgShape.map((t) => (t.name === 'rate_limits' ? { ...t, columns: [...t.columns].reverse() } : t));
    expect(compareSchemas(sqliteShape, swapped)).toEqual(['rate_limits: column order: sqlite (key, points, expire), pg (expire, points, key)']);
  });
});
