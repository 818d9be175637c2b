import type Database from 'better-sqlite3';
import { sqliteOf, writerOf, type Db } from './client';

/**
 * Group commit (docs/decisions/015-group-commit.md). Writes submitted while a commit is under
 * way, or in the same turn of the event loop, are applied in ONE write transaction, each in
 * its own SAVEPOINT: a write that throws rolls back only itself and rejects only its own
 * promise; the others commit together. Every promise settles only after the COMMIT that
 * holds its write returned (synchronous=FULL: the WAL is on disk), so an acknowledged write
 * survives a power loss as before, but the batch shares one fsync instead of one each.
 *
 * Taking the write lock does not block the process: BEGIN IMMEDIATE is tried with no busy
 * timeout and, while another process holds the lock, tried again a millisecond later, so the
 * event loop keeps reading requests, which join the batch.
 */

export class WriteBusyError extends Error {
  constructor() {
    super('The database stayed busy; nothing was saved. Try again in a moment.');
  }
}

export interface GroupCommitOptions {
  /** Most writes in one transaction (more wait for the next). */
  maxBatch?: number;
  /** How long to keep trying for the write lock before the batch is refused with WriteBusyError. */
  lockTimeoutMs?: number;
  /** The connection's busy timeout, put back after each attempt at the lock. */
  busyTimeoutMs?: number;
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  result?: unknown;
}

export class GroupCommit {
  /** Transactions committed and writes they held: what the tests and the bench read. */
  readonly stats = { batches: 0, writes: 0, largest: 0, lockRetries: 0 };
  private queue: Job[] = [];
  private scheduled = false;
  private waitingSince: number | null = null;
  /** A batch is being applied (its jobs may await): the next flush waits for it. */
  private running = false;
  private savepoint: Database.Statement;
  private release: Database.Statement;
  private rollbackTo: Database.Statement;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly maxBatch: number;
  private readonly lockTimeoutMs: number;
  private readonly busyTimeoutMs: number;

  constructor(
    private readonly sqlite: Database.Database,
    options: GroupCommitOptions = {},
  ) {
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commit = sqlite.prepare('COMMIT');
    this.rollback = sqlite.prepare('ROLLBACK');
    this.savepoint = sqlite.prepare('SAVEPOINT job');
    this.release = sqlite.prepare('RELEASE job');
    this.rollbackTo = sqlite.prepare('ROLLBACK TO job');
    this.maxBatch = options.maxBatch ?? 256;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    this.busyTimeoutMs = options.busyTimeoutMs ?? (sqlite.pragma('busy_timeout', { simple: true }) as number);
  }

  /**
   * Runs `work` (on this connection; it may await, but only this connection's statements)
   * inside the next batch's transaction, in its own savepoint. Jobs run one after another. Resolves with its result once that transaction committed; rejects with
   * what it threw (nothing of it is kept), or with the commit's error (nothing of the batch
   * is kept).
   */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule(0);
    });
  }

  /** Writes waiting for a transaction. */
  get pending(): number {
    return this.queue.length;
  }

  private schedule(delayMs: number) {
    if (this.scheduled) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      if (this.running) return;
      this.running = true;
      void this.flush().finally(() => {
        this.running = false;
        if (this.queue.length) this.schedule(0);
      });
    };
    if (delayMs > 0) setTimeout(go, delayMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    if (this.sqlite.inTransaction) {
      // Someone else's transaction is open on this connection: try again shortly.
      this.schedule(1);
      return;
    }
    if (!this.tryBegin()) return;
    const batch = this.queue.splice(0, this.maxBatch);
    const done: Job[] = [];
    for (let i = 0; i < batch.length; i++) {
      const job = batch[i]!;
      this.savepoint.run();
      try {
        job.result = await job.work();
        this.release.run();
        done.push(job);
      } catch (error) {
        if (this.sqlite.inTransaction) {
          // Back to the savepoint: this write only.
          this.rollbackTo.run();
          this.release.run();
          job.reject(error);
        } else {
          // SQLite rolled back the whole transaction (an I/O error, a full disk): the writes
          // before this one are gone too. They go back to the front of the queue, untouched.
          job.reject(error);
          this.queue.unshift(...done, ...batch.slice(i + 1));
          this.schedule(1);
          return;
        }
      }
    }
    try {
      this.commit.run();
    } catch (error) {
      if (this.sqlite.inTransaction) this.rollback.run();
      for (const job of done) job.reject(error);
      return;
    }
    this.stats.batches += 1;
    this.stats.writes += done.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    for (const job of done) job.resolve(job.result);
  }

  /** BEGIN IMMEDIATE without waiting: false (and a retry scheduled, or the batch refused) when another process holds the lock. */
  private tryBegin(): boolean {
    // A pragma acts when it is prepared, so it cannot be kept as a prepared statement.
    this.sqlite.pragma('busy_timeout = 0');
    try {
      this.begin.run();
      this.waitingSince = null;
      return true;
    } catch (error) {
      if (!String((error as { code?: string }).code).startsWith('SQLITE_BUSY')) {
        for (const job of this.queue.splice(0)) job.reject(error);
        return false;
      }
      this.stats.lockRetries += 1;
      const now = Date.now();
      this.waitingSince ??= now;
      if (now - this.waitingSince >= this.lockTimeoutMs) {
        this.waitingSince = null;
        for (const job of this.queue.splice(0)) job.reject(new WriteBusyError());
        return false;
      }
      this.schedule(1);
      return false;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
  }
}

/** One per connection, found by every copy of this module (Next may load it more than once). */
const globalForGroupCommit = globalThis as unknown as { [key: symbol]: WeakMap<Database.Database, GroupCommit> | undefined };
const REGISTRY = Symbol.for('patternwise.db.groupCommits');
const byConnection = (globalForGroupCommit[REGISTRY] ??= new WeakMap<Database.Database, GroupCommit>());

/** The group commit of a database's writer connection (one per server process). */
export function groupCommit(database: Db): GroupCommit {
  const sqlite = sqliteOf(writerOf(database));
  let g = byConnection.get(sqlite);
  if (!g) {
    g = new GroupCommit(sqlite);
    byConnection.set(sqlite, g);
  }
  return g;
}
