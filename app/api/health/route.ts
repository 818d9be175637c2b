import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { migrationStatus } from '@/lib/db/migrate';
import { raw } from '@/lib/db/prepared';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: 200 when the database answers and every migration is applied. */
export async function GET() {
  let dbStatus = 'ok';
  let migrations = 'unknown';
  try {
    const database = db();
    await raw(database).get('select 1 as one');
    const status = await migrationStatus(database);
    migrations = status.current ? 'current' : `pending (${status.applied} of ${status.expected} applied)`;
  } catch (e) {
    dbStatus = `unreachable: ${(e as Error).message}`;
  }
  const ok = dbStatus === 'ok' && migrations === 'current';
  return NextResponse.json({ status: ok ? 'ok' : 'error', db: dbStatus, migrations }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
