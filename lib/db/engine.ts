/**
 * Which database the app runs on (docs/decisions/018): `DATABASE_URL` of the form
 * `postgres://…` or `postgresql://…` selects PostgreSQL; anything else (a path, a `file:` URL,
 * nothing) is the embedded SQLite file. One process runs on one engine.
 */
export type Engine = 'sqlite' | 'postgres';

export function engineOf(url: string | undefined): Engine {
  return url && /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/** The engine of this process, from its environment. */
export function processEngine(): Engine {
  return engineOf(process.env.DATABASE_URL);
}
