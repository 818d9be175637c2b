/**
 * Runs once when the server starts: the database is migrated before any request, and the
 * grading fast path is handed to scripts/server.mjs (lib/server/fast-routes.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { db } = await import('@/lib/db/client');
  const { applyMigrations } = await import('@/lib/db/migrate');
  await applyMigrations(db());
  const { registerFastRoutes } = await import('@/lib/server/fast-routes');
  registerFastRoutes();
}
