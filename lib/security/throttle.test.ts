import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { closeDatabase, openDatabase } from '@/lib/db/client';
import { clientAddress, SignInThrottle, SignUpThrottle } from './throttle';
import { describeWait } from './wait';

let ctx: Awaited<ReturnType<typeof freshDb>>;
const T0 = new Date('2026-05-01T10:00:00Z');
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  ctx = await freshDb();
});
afterEach(async () => {
  await ctx.cleanup();
  vi.useRealTimers();
});
const advance = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));

describe('SignInThrottle', () => {
  it('allows 5 quick failures, then the next attempt waits 30 s, 60 s, 120 s …', async () => {
    const t = new SignInThrottle(ctx.db);
    for (let i = 0; i < 4; i++) {
      expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(0);
      await t.failed('a@example.com', '10.0.0.1');
    }
    expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(0);
    await t.failed('a@example.com', '10.0.0.1'); // the 5th
    expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(30);
    // another address does not help: the account waits
    expect(await t.waitSeconds('a@example.com', '10.0.0.2')).toBe(30);
    // another account from the same address is not held up yet
    expect(await t.waitSeconds('b@example.com', '10.0.0.1')).toBe(0);
    advance(31);
    expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(0);
    await t.failed('a@example.com', '10.0.0.1');
    expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(60);
    advance(61);
    await t.failed('a@example.com', '10.0.0.1');
    expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(120);
  });

  it('caps the wait at an hour', async () => {
    const t = new SignInThrottle(ctx.db);
    for (let i = 0; i < 15; i++) await t.failed('a@example.com', `10.0.0.${i}`);
    expect(await t.waitSeconds('a@example.com', '10.9.9.9')).toBe(3600);
  });

  it('a success starts the account over', async () => {
    const t = new SignInThrottle(ctx.db);
    for (let i = 0; i < 4; i++) await t.failed('a@example.com', '10.0.0.1');
    await t.succeeded('a@example.com');
    await t.failed('a@example.com', '10.0.0.1');
    expect(await t.waitSeconds('a@example.com', '10.0.0.1')).toBe(0);
  });

  it('limits an address guessing at many accounts', async () => {
    const t = new SignInThrottle(ctx.db);
    for (let i = 0; i < 20; i++) await t.failed(`user${i}@example.com`, '10.0.0.7');
    expect(await t.waitSeconds('someone-else@example.com', '10.0.0.7')).toBe(30);
    expect(await t.waitSeconds('someone-else@example.com', '10.0.0.8')).toBe(0);
  });

  it('keeps its state in the database: another connection (a restart, another process) sees it', async () => {
    const t = new SignInThrottle(ctx.db);
    for (let i = 0; i < 5; i++) await t.failed('a@example.com', '10.0.0.1');
    const other = openDatabase(ctx.file);
    try {
      expect(await new SignInThrottle(other).waitSeconds('a@example.com', '10.0.0.3')).toBe(30);
    } finally {
      await closeDatabase(other);
    }
  });
});

describe('SignUpThrottle', () => {
  it('allows 10 sign-ups an hour per address', async () => {
    const t = new SignUpThrottle(ctx.db);
    for (let i = 0; i < 10; i++) expect(await t.take('10.0.0.1')).toBe(0);
    const wait = await t.take('10.0.0.1');
    expect(wait).toBeGreaterThan(3500);
    expect(await t.take('10.0.0.2')).toBe(0);
    advance(3601);
    expect(await t.take('10.0.0.1')).toBe(0);
  });
});

describe('clientAddress', () => {
  it.each([
    [new Headers({ 'x-forwarded-for': '203.0.113.9' }), '203.0.113.9'],
    [new Headers({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9' }), '203.0.113.9'],
    [{ 'x-forwarded-for': '::1' }, '::1'],
    [new Headers(), 'unknown'],
    [undefined, 'unknown'],
    [new Headers({ 'x-forwarded-for': 'x'.repeat(100) }), 'unknown'],
  ])('%o -> %s', (h, expected) => {
    expect(clientAddress(h)).toBe(expected);
  });
  it('describes waits', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(30)).toBe('30 seconds');
    expect(describeWait(61)).toBe('2 minutes');
  });
});
