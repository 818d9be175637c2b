#!/usr/bin/env node
/**
 * A throwaway local PostgreSQL for the tests, from the server binaries Debian's `postgresql`
 * package installs (/usr/lib/postgresql/<version>/bin, the highest version; else initdb and
 * pg_ctl on PATH). It initialises a cluster in a new temporary folder (trust authentication,
 * listening on 127.0.0.1 only, its unix socket in that folder, fsync and the rest left at their
 * defaults), creates the database `patternwise_test`, and stops and deletes it all again.
 *
 * PostgreSQL refuses to run as root: when run as root, the folder is given to the `postgres`
 * user (which Debian's package creates) and initdb / pg_ctl run as that user, through
 * `runuser -u postgres --`, or `su postgres -s /bin/sh -c` where runuser is missing.
 *
 *   node scripts/pg-local.mjs start   prints TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/patternwise_test
 *   node scripts/pg-local.mjs stop    stops the server on PORT and deletes its folder
 *   node scripts/pg-local.mjs status  prints the URL if a server started here is running (exit 1 if not)
 *
 * PORT is PG_LOCAL_PORT, default 55432. From a script:
 *   import { canStartLocalPostgres, startLocalPostgres } from './pg-local.mjs';
 *   if (canStartLocalPostgres()) { const pg = startLocalPostgres({ port }); try { ... pg.url ... } finally { pg.stop(); } }
 * Both are synchronous. The CLI's `start` leaves the server running for a later `stop`; it
 * remembers the folder in a state file beside it in the temporary directory.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import crypto from 'node:crypto';
import pg from 'pg';

export const DEFAULT_PORT = 55432;
export const DATABASE = 'patternwise_test';
const USER = 'postgres';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const executable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The folder holding initdb and pg_ctl: Debian's highest version, else the first on PATH (symlinks resolved). */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(base).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    // no Debian layout
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (executable(path.join(bin, 'initdb')) && executable(path.join(bin, 'pg_ctl'))) return bin;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const initdb = path.join(dir, 'initdb');
    if (!executable(initdb)) continue;
    const real = path.dirname(fs.realpathSync(initdb));
    if (executable(path.join(real, 'pg_ctl'))) return real;
    if (executable(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

function userExists(name) {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

/** Whether a local PostgreSQL can be started here: the binaries are present (and, as root, the postgres user). */
export function canStartLocalPostgres() {
  return findPostgresBin() !== null && (!isRoot() || userExists(USER));
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
let hasRunuser;

/** Runs a server binary, as the postgres user when this process is root. Throws with its output if it fails. */
function runServerTool(file, args, cwd) {
  let r;
  if (!isRoot()) r = spawnSync(file, args, { cwd, encoding: 'utf8' });
  else {
    hasRunuser ??= spawnSync('runuser', ['--help'], { stdio: 'ignore' }).error === undefined;
    r = hasRunuser
      ? spawnSync('runuser', ['-u', USER, '--', file, ...args], { cwd, encoding: 'utf8' })
      : spawnSync('su', [USER, '-s', '/bin/sh', '-c', [file, ...args].map(shellQuote).join(' ')], { cwd, encoding: 'utf8' });
  }
  if (r.error || r.status !== 0) {
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})${output ? `:\n${output}` : ''}`);
  }
  return r.stdout;
}

const stateFile = (port) => path.join(os.tmpdir(), `patternwise-pg-local-${port}.json`);

function readState(port) {
  try {
    return JSON.parse(fs.readFileSync(stateFile(port), 'utf8'));
  } catch {
    return null;
  }
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The postmaster's pid from postmaster.pid (its first line), or 0. */
function postmasterPid(data) {
  try {
    return Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || 0;
  } catch {
    return 0;
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Stops the server whose folder is `dir` (pg_ctl stop -m fast; if that fails, SIGQUIT to the
 * postmaster named in postmaster.pid) and deletes the folder. Safe to call twice.
 */
function stopCluster(bin, dir) {
  const data = path.join(dir, 'data');
  if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
    try {
      runServerTool(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'], dir);
    } catch (e) {
      const pid = postmasterPid(data);
      if (pid > 0 && pidAlive(pid)) {
        process.kill(pid, 'SIGQUIT');
        for (let i = 0; i < 100 && pidAlive(pid); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      }
      if (pid > 0 && pidAlive(pid)) throw e;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a fresh PostgreSQL on 127.0.0.1:`port` with the database patternwise_test.
 * Returns { url, port, dir, stop() }; stop() stops it and deletes its folder (also run at exit).
 */
/**
 * A new, empty database named `<prefix>_<random>` on the PostgreSQL server at `serverUrl`:
 * its URL and name, and `drop()`, which drops it (with any open connections) and is safe to
 * call twice. Used by the unit-test fixture, `npm test`'s PostgreSQL runs and the scripts.
 */
export async function createScratchDatabase(serverUrl, prefix) {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (statement) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export function startLocalPostgres({ port = Number(process.env.PG_LOCAL_PORT) || DEFAULT_PORT } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (initdb, pg_ctl): apt-get install -y postgresql');
  if (isRoot() && !userExists(USER)) throw new Error(`running as root and there is no "${USER}" user to run PostgreSQL as`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `patternwise-pg-${port}-`));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  let started = false;
  const stop = () => {
    process.removeListener('exit', stop);
    stopCluster(bin, dir);
    const state = readState(port);
    if (state?.dir === dir) fs.rmSync(stateFile(port), { force: true });
  };
  try {
    if (isRoot()) {
      fs.chmodSync(dir, 0o700);
      spawnSync('chown', [`${USER}:`, dir], { stdio: 'inherit' });
    }
    runServerTool(path.join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions'], dir);
    // Only TCP on 127.0.0.1, and the socket in our own folder (not /var/run/postgresql, which may not exist or be someone else's).
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      `\n# scripts/pg-local.mjs\nlisten_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\ntimezone = 'UTC'\n`,
    );
    try {
      runServerTool(path.join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', 'start'], dir);
    } catch (e) {
      throw new Error(`${e.message}\n--- server log ---\n${tail(log)}`);
    }
    started = true;
    createDatabase(bin, port);
  } catch (e) {
    if (started) stopCluster(bin, dir);
    else fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  fs.writeFileSync(stateFile(port), JSON.stringify({ dir, bin, port, url: urlFor(port) }));
  process.once('exit', stop);
  return { url: urlFor(port), port, dir, stop };
}

const urlFor = (port) => `postgres://${USER}@127.0.0.1:${port}/${DATABASE}`;

function createDatabase(bin, port) {
  const createdb = [path.join(bin, 'createdb'), '/usr/bin/createdb'].find(executable) ?? 'createdb';
  const r = spawnSync(createdb, ['-h', '127.0.0.1', '-p', String(port), '-U', USER, DATABASE], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`createdb ${DATABASE} failed: ${r.error?.message ?? r.stderr}`);
}

/** Stops the server the CLI started on `port` (from its state file) and deletes its folder. */
export function stopLocalPostgres({ port = Number(process.env.PG_LOCAL_PORT) || DEFAULT_PORT } = {}) {
  const state = readState(port);
  if (!state) return false;
  stopCluster(state.bin, state.dir);
  fs.rmSync(stateFile(port), { force: true });
  return true;
}

function running(state) {
  const pid = postmasterPid(path.join(state.dir, 'data'));
  return pid > 0 && pidAlive(pid);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const command = process.argv[2];
  const port = Number(process.env.PG_LOCAL_PORT) || DEFAULT_PORT;
  try {
    if (command === 'start') {
      const state = readState(port);
      if (state && running(state)) {
        console.error(`already running on port ${port} (${state.dir})`);
        console.log(`TEST_POSTGRES_URL=${state.url}`);
      } else {
        if (state) stopLocalPostgres({ port }); // a stale state file from a server that is gone
        const pg = startLocalPostgres({ port });
        process.removeListener('exit', pg.stop); // the CLI leaves it running for `stop`
        console.log(`TEST_POSTGRES_URL=${pg.url}`);
      }
    } else if (command === 'stop') {
      console.log(stopLocalPostgres({ port }) ? `stopped the server on port ${port}` : `no server started here on port ${port}`);
    } else if (command === 'status') {
      const state = readState(port);
      const up = state !== null && running(state);
      console.log(up ? `TEST_POSTGRES_URL=${state.url}` : `not running on port ${port}`);
      process.exitCode = up ? 0 : 1;
    } else {
      console.error('usage: node scripts/pg-local.mjs start|stop|status   (port: PG_LOCAL_PORT, default 55432)');
      process.exitCode = 2;
    }
  } catch (e) {
    console.error(e.message);
    process.exitCode = 1;
  }
}
