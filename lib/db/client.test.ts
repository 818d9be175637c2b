import { afterEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';

let ctx: ReturnType<typeof freshDb> | undefined;
afterEach(() => ctx?.cleanup());

describe('openDatabase', () => {
  it('commits durably: WAL with synchronous=FULL, foreign keys on', () => {
    ctx = freshDb();
    expect(ctx.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: the WAL is synced at every commit, so an acknowledged review survives a power loss.
    expect(ctx.db.$client.pragma('synchronous', { simple: true })).toBe(2);
    expect(ctx.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
