/** Runs once when the server starts: the database is migrated before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { db } = await import('@/lib/db/client');
  const { applyMigrations } = await import('@/lib/db/migrate');
  await applyMigrations(db());
}
