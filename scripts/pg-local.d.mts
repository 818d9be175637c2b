/** Types for scripts/pg-local.mjs (a plain Node script), for the TypeScript scripts that use it. */
export function canStartLocalPostgres(): boolean;
export function startLocalPostgres(options?: { port?: number }): { url: string; port: number; dir: string; stop: () => void };
export function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }>;
