import { sqliteOf } from '@/lib/db/client';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';

let ctx: Awaited<ReturnType<typeof freshDb>> | undefined;
afterEach(() => ctx?.cleanup());

describe('openDatabase', () => {
  it('commits durably: WAL with synchronous=FULL, foreign keys on', async () => {
    ctx = await freshDb();
    expect(sqliteOf(ctx.db).pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: the WAL is synced at every commit, so an acknowledged review survives a power loss.
    expect(sqliteOf(ctx.db).pragma('synchronous', { simple: true })).toBe(2);
    expect(sqliteOf(ctx.db).pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
