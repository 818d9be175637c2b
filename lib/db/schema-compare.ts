import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The two schemas (lib/db/schema.ts for SQLite, lib/db/schema.pg.ts for PostgreSQL) described
 * in one engine-neutral shape, and compared. Pure: no database, only drizzle's table configs.
 * lib/db/schema-lockstep.test.ts runs it on the real schemas.
 */

/**
 * What a column holds, as the app sees it. `timestamp-ms` is a JS Date stored as epoch
 * milliseconds (SQLite integer mode timestamp_ms; PostgreSQL bigint through epochMs);
 * `boolean` is a JS boolean stored as 0/1 (SQLite integer mode boolean; PostgreSQL integer
 * through bool01). Anything else is `other:<drizzle column type>` and never matches by accident.
 */
export type TypeClass = 'text' | 'integer' | 'real' | 'timestamp-ms' | 'boolean' | `other:${string}`;

export interface ColumnShape {
  name: string;
  type: TypeClass;
  notNull: boolean;
  primary: boolean;
  hasDefault: boolean;
  /** The default, normalised so the engines' spellings of the same value match (see normaliseDefault). */
  default: string | null;
  /** A text column's enum, as declared (null: none). */
  enumValues: string[] | null;
}

export interface ForeignKeyShape {
  columns: string[];
  foreignTable: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  /** The primary key's columns: one column's `.primaryKey()` or the table's composite key. */
  primaryKey: string[];
  foreignKeys: ForeignKeyShape[];
  /** Unique constraints, from a column's `.unique()` or the table's `unique()`. */
  uniques: { name: string; columns: string[] }[];
  indexes: { name: string; columns: string[]; unique: boolean }[];
}

/**
 * SQL defaults that mean the same on both engines, in each one's spelling, by a neutral name.
 * Add a pair here when a new SQL default is added to both schema files.
 */
const EQUIVALENT_SQL_DEFAULTS: Record<string, string> = {
  '(unixepoch() * 1000)': 'now-ms',
  '(extract(epoch from now()) * 1000)::bigint': 'now-ms',
};

function normaliseDefault(value: unknown, type: TypeClass, render: (s: SQL) => string): string | null {
  if (value === undefined) return null;
  if (is(value, SQL)) {
    const text = render(value).trim();
    if (EQUIVALENT_SQL_DEFAULTS[text]) return EQUIVALENT_SQL_DEFAULTS[text];
    // A 0/1 boolean column's default is written sql`1` / sql`0` on PostgreSQL (see schema.pg.ts).
    if (type === 'boolean' && (text === '1' || text === '0')) return text === '1' ? 'true' : 'false';
    return `sql:${text}`;
  }
  if (value instanceof Date) return `date:${value.getTime()}`;
  return JSON.stringify(value);
}

function sqliteType(column: { columnType: string; mode?: string }): TypeClass {
  switch (column.columnType) {
    case 'SQLiteText':
      return 'text';
    case 'SQLiteInteger':
      return 'integer';
    case 'SQLiteReal':
      return 'real';
    case 'SQLiteBoolean':
      return 'boolean';
    case 'SQLiteTimestamp':
      return column.mode === 'timestamp_ms' ? 'timestamp-ms' : `other:SQLiteTimestamp(${column.mode})`;
    default:
      return `other:${column.columnType}`;
  }
}

function pgType(column: { columnType: string; getSQLType(): string; mapFromDriverValue(v: unknown): unknown }): TypeClass {
  switch (column.columnType) {
    case 'PgText':
      return 'text';
    case 'PgInteger':
    case 'PgBigInt53':
      return 'integer';
    case 'PgDoublePrecision':
      return 'real';
    case 'PgCustomColumn': {
      // A custom column is classed by what it stores and what the app gets back from it.
      const sqlType = column.getSQLType();
      const sample = column.mapFromDriverValue(1);
      if (sqlType === 'bigint' && sample instanceof Date && sample.getTime() === 1) return 'timestamp-ms';
      if (sqlType === 'integer' && sample === true && column.mapFromDriverValue(0) === false) return 'boolean';
      return `other:PgCustomColumn(${sqlType})`;
    }
    default:
      return `other:${column.columnType}`;
  }
}

const action = (a: string | undefined) => a ?? 'no action';
const columnName = (c: unknown) => (is(c, SQL) ? '<sql expression>' : (c as { name: string }).name);

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** What both dialects' table configs give (getTableConfig), as far as the comparison reads them. */
interface AnyTableConfig<C> {
  name: string;
  columns: C[];
  primaryKeys: { columns: { name: string }[] }[];
  foreignKeys: {
    onDelete?: string;
    onUpdate?: string;
    reference(): { columns: { name: string }[]; foreignTable: Parameters<typeof getTableName>[0]; foreignColumns: { name: string }[] };
  }[];
  uniqueConstraints: { getName(): string | undefined | null; columns: { name: string }[] }[];
  indexes: { config: { name?: string; columns: unknown[]; unique: boolean } }[];
}
interface AnyColumn {
  name: string;
  notNull: boolean;
  primary: boolean;
  hasDefault: boolean;
  default: unknown;
  enumValues?: readonly string[] | string[];
  isUnique: boolean;
  uniqueName?: string;
}

function describeTable<C extends AnyColumn>(config: AnyTableConfig<C>, typeOf: (c: C) => TypeClass, render: (s: SQL) => string): TableShape {
  return {
    name: config.name,
    columns: config.columns.map((c) => {
      const type = typeOf(c);
      return {
        name: c.name,
        type,
        notNull: c.notNull,
        primary: c.primary,
        hasDefault: c.hasDefault,
        default: normaliseDefault(c.default, type, render),
        enumValues: c.enumValues ? [...c.enumValues] : null,
      };
    }),
    primaryKey: config.primaryKeys.length
      ? config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name))
      : config.columns.filter((c) => c.primary).map((c) => c.name),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return {
        columns: ref.columns.map((c) => c.name),
        foreignTable: getTableName(ref.foreignTable),
        foreignColumns: ref.foreignColumns.map((c) => c.name),
        onDelete: action(fk.onDelete),
        onUpdate: action(fk.onUpdate),
      };
    }),
    uniques: [
      ...config.columns.filter((c) => c.isUnique).map((c) => ({ name: c.uniqueName ?? '', columns: [c.name] })),
      ...config.uniqueConstraints.map((u) => ({ name: u.getName() ?? '', columns: u.columns.map((c) => c.name) })),
    ],
    indexes: config.indexes.map((i) => ({
      name: i.config.name ?? '<unnamed>',
      columns: i.config.columns.map(columnName),
      unique: i.config.unique,
    })),
  };
}

/** The shape of each SQLite table given (order does not matter). */
export function describeSqliteTables(tables: SQLiteTable[]): TableShape[] {
  const render = (s: SQL) => sqliteDialect.sqlToQuery(s).sql;
  return tables.map((table) =>
    describeTable(getSqliteTableConfig(table) as unknown as AnyTableConfig<AnyColumn>, (c) => sqliteType(c as unknown as { columnType: string; mode?: string }), render),
  );
}

/** The shape of each PostgreSQL table given (order does not matter). */
export function describePgTables(tables: PgTable[]): TableShape[] {
  const render = (s: SQL) => pgDialect.sqlToQuery(s).sql;
  return tables.map((table) =>
    describeTable(getPgTableConfig(table) as unknown as AnyTableConfig<AnyColumn>, (c) => pgType(c as unknown as Parameters<typeof pgType>[0]), render),
  );
}

/** The drizzle tables a schema module exports (its other exports: types, helpers, are skipped). */
export function sqliteTablesOf(module: Record<string, unknown>): SQLiteTable[] {
  return Object.values(module).filter((v): v is SQLiteTable => is(v, SQLiteTable));
}
export function pgTablesOf(module: Record<string, unknown>): PgTable[] {
  return Object.values(module).filter((v): v is PgTable => is(v, PgTable));
}

const list = (xs: string[]) => `(${xs.join(', ')})`;
const fkKey = (fk: ForeignKeyShape) => `${list(fk.columns)} -> ${fk.foreignTable}${list(fk.foreignColumns)}`;
const fkText = (fk: ForeignKeyShape) => `${fkKey(fk)} on delete ${fk.onDelete}, on update ${fk.onUpdate}`;

/** Both sides' named entries: what only one side has, and what differs under the same key. */
function diffByKey<T>(
  where: string,
  what: string,
  a: T[],
  b: T[],
  key: (x: T) => string,
  text: (x: T) => string,
  labels: [string, string],
  out: string[],
): [T, T][] {
  const mapA = new Map(a.map((x) => [key(x), x]));
  const mapB = new Map(b.map((x) => [key(x), x]));
  const both: [T, T][] = [];
  for (const [k, x] of mapA) {
    const y = mapB.get(k);
    if (!y) out.push(`${where}: ${what} ${text(x)} is in ${labels[0]} only`);
    else both.push([x, y]);
  }
  for (const [k, y] of mapB) if (!mapA.has(k)) out.push(`${where}: ${what} ${text(y)} is in ${labels[1]} only`);
  return both;
}

/**
 * Every difference between two schema descriptions, one readable line each
 * (`table.column: notNull: sqlite true, pg false`); empty when they agree.
 */
export function compareSchemas(a: TableShape[], b: TableShape[], labels: [string, string] = ['sqlite', 'pg']): string[] {
  const out: string[] = [];
  const tables = diffByKey('schema', 'table', a, b, (t) => t.name, (t) => t.name, labels, out);
  for (const [ta, tb] of tables) {
    const t = ta.name;
    const columns = diffByKey(t, 'column', ta.columns, tb.columns, (c) => c.name, (c) => c.name, labels, out);
    for (const [ca, cb] of columns) {
      for (const field of ['type', 'notNull', 'primary', 'hasDefault', 'default', 'enumValues'] as const) {
        const va = JSON.stringify(ca[field]);
        const vb = JSON.stringify(cb[field]);
        if (va !== vb) out.push(`${t}.${ca.name}: ${field}: ${labels[0]} ${va}, ${labels[1]} ${vb}`);
      }
    }
    const orderA = ta.columns.map((c) => c.name).join(',');
    const orderB = tb.columns.map((c) => c.name).join(',');
    // Column order matters where SQL inserts without naming columns (rate-limiter-flexible does).
    if (orderA !== orderB && ta.columns.length === tb.columns.length && columns.length === ta.columns.length)
      out.push(`${t}: column order: ${labels[0]} ${list(orderA.split(','))}, ${labels[1]} ${list(orderB.split(','))}`);
    if (list(ta.primaryKey) !== list(tb.primaryKey))
      out.push(`${t}: primary key: ${labels[0]} ${list(ta.primaryKey)}, ${labels[1]} ${list(tb.primaryKey)}`);
    for (const [fa, fb] of diffByKey(t, 'foreign key', ta.foreignKeys, tb.foreignKeys, fkKey, fkText, labels, out)) {
      if (fa.onDelete !== fb.onDelete || fa.onUpdate !== fb.onUpdate)
        out.push(`${t}: foreign key ${fkKey(fa)}: ${labels[0]} ${fkText(fa)}; ${labels[1]} ${fkText(fb)}`);
    }
    const uniqueText = (u: { name: string; columns: string[] }) => `${u.name} ${list(u.columns)}`;
    for (const [ua, ub] of diffByKey(t, 'unique constraint', ta.uniques, tb.uniques, (u) => u.name, uniqueText, labels, out)) {
      if (list(ua.columns) !== list(ub.columns))
        out.push(`${t}: unique constraint ${ua.name}: ${labels[0]} ${list(ua.columns)}, ${labels[1]} ${list(ub.columns)}`);
    }
    type Idx = TableShape['indexes'][number];
    const indexText = (i: Idx) => `${i.name} ${i.unique ? 'unique ' : ''}${list(i.columns)}`;
    for (const [ia, ib] of diffByKey(t, 'index', ta.indexes, tb.indexes, (i) => i.name, indexText, labels, out)) {
      if (indexText(ia) !== indexText(ib)) out.push(`${t}: index ${ia.name}: ${labels[0]} ${indexText(ia)}, ${labels[1]} ${indexText(ib)}`);
    }
  }
  return out;
}
