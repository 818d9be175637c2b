import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import { engineOfHandle, poolOf, sqliteOf, writerOf, type Db } from '@/lib/db/client';
import { transaction } from '@/lib/db/tx';

/**
 * Throttling with its state in the database (table `rate_limits`, rate-limiter-flexible's
 * SQLite or PostgreSQL store), so it survives a restart and every server process, on every
 * machine, sees the same counts. On SQLite the limiters write on the writer connection, each
 * call inside one of our transactions, so they never run inside another request's; on
 * PostgreSQL they use the pool.
 */

interface BackoffRule {
  prefix: string;
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; each further failure doubles it, up to maxSeconds. */
  baseSeconds: number;
  maxSeconds: number;
  /** Failures are forgotten this long after the first one (or at a success). */
  windowSeconds: number;
}

export const SIGN_IN_PER_ACCOUNT: BackoffRule = { prefix: 'signin-account', free: 5, baseSeconds: 30, maxSeconds: 3600, windowSeconds: 86_400 };
/** Higher: many learners may share one address (an office, a campus). */
export const SIGN_IN_PER_ADDRESS: BackoffRule = { prefix: 'signin-address', free: 20, baseSeconds: 30, maxSeconds: 3600, windowSeconds: 86_400 };
export const SIGN_UPS_PER_ADDRESS = { points: 10, durationSeconds: 3600 };

const TABLE = 'rate_limits';

type Limiter = RateLimiterSQLite | RateLimiterPostgres;

function store(database: Db, keyPrefix: string, points: number, duration: number): Limiter {
  // The table comes from our migrations (drizzle/, drizzle-pg/), not from the library.
  const common = { tableName: TABLE, tableCreated: true, clearExpiredByTimeout: true, keyPrefix, points, duration };
  if (engineOfHandle(database) === 'postgres') return new RateLimiterPostgres({ ...common, storeClient: poolOf(database), storeType: 'pool' });
  return new RateLimiterSQLite({ ...common, storeClient: sqliteOf(writerOf(database)), storeType: 'better-sqlite3' });
}

/** A limiter call: on SQLite inside one of our transactions (the writer connection is shared), on PostgreSQL as it is. */
async function guarded<T>(database: Db, call: () => Promise<T>): Promise<T> {
  return engineOfHandle(database) === 'postgres' ? call() : await transaction(database, call);
}

/** Counts failures and, past the free ones, makes the key wait, twice as long each time. */
export class Backoff {
  private failures: Limiter;
  private waits: Limiter;
  constructor(
    private database: Db,
    private rule: BackoffRule,
  ) {
    this.failures = store(database, `${rule.prefix}:failures`, 1_000_000, rule.windowSeconds);
    this.waits = store(database, `${rule.prefix}:wait`, 1, 1);
  }

  /** Seconds the key must still wait (0: go ahead). */
  async waitSeconds(key: string): Promise<number> {
    const res = await guarded(this.database, () => this.waits.get(key));
    if (!res || res.consumedPoints <= 1 || res.msBeforeNext <= 0) return 0;
    return Math.ceil(res.msBeforeNext / 1000);
  }

  async fail(key: string): Promise<void> {
    await guarded(this.database, async () => {
      const res = await this.failures.consume(key, 1);
      const n = res.consumedPoints;
      if (n >= this.rule.free) {
        const seconds = Math.min(this.rule.baseSeconds * 2 ** (n - this.rule.free), this.rule.maxSeconds);
        await this.waits.block(key, seconds);
      }
    });
  }

  async reset(key: string): Promise<void> {
    await guarded(this.database, async () => {
      await this.failures.delete(key);
      await this.waits.delete(key);
    });
  }
}

export class SignInThrottle {
  private account: Backoff;
  private address: Backoff;
  constructor(database: Db) {
    this.account = new Backoff(database, SIGN_IN_PER_ACCOUNT);
    this.address = new Backoff(database, SIGN_IN_PER_ADDRESS);
  }

  /** Checked before the password: during a wait even the right password waits. */
  async waitSeconds(email: string, address: string): Promise<number> {
    return Math.max(await this.account.waitSeconds(email), await this.address.waitSeconds(address));
  }

  async failed(email: string, address: string): Promise<void> {
    await this.account.fail(email);
    await this.address.fail(address);
  }

  /** The account's count starts over; the address's does not (one good account must not unlock guessing at others). */
  async succeeded(email: string): Promise<void> {
    await this.account.reset(email);
  }
}

export class SignUpThrottle {
  private limiter: Limiter;
  constructor(private database: Db) {
    this.limiter = store(database, 'signup-address', SIGN_UPS_PER_ADDRESS.points, SIGN_UPS_PER_ADDRESS.durationSeconds);
  }

  /** Takes one sign-up for the address; returns the seconds to wait instead when there is none left. */
  async take(address: string): Promise<number> {
    try {
      await guarded(this.database, () => this.limiter.consume(address, 1));
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  }
}

const cache = new WeakMap<Db, { signIn: SignInThrottle; signUp: SignUpThrottle }>();

/** One set of limiters per database. */
export function throttles(database: Db): { signIn: SignInThrottle; signUp: SignUpThrottle } {
  let t = cache.get(database);
  if (!t) {
    t = { signIn: new SignInThrottle(database), signUp: new SignUpThrottle(database) };
    cache.set(database, t);
  }
  return t;
}

/**
 * The client's address: the last `X-Forwarded-For` entry, which is the one our own side
 * wrote (Next.js sets it from the socket when absent; a reverse proxy appends it). See
 * docs/security.md for what this does not protect against without a proxy.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  let raw: string | null | undefined;
  if (headers instanceof Headers) raw = headers.get('x-forwarded-for');
  else if (headers) {
    const v = headers['x-forwarded-for'];
    raw = Array.isArray(v) ? v.join(',') : v;
  }
  const last = raw?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  return last && last.length <= 64 ? last : 'unknown';
}
