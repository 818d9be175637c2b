import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { exportUserData } from '@/lib/db/export';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';

export const dynamic = 'force-dynamic';

/** The signed-in learner's own data as a JSON download. */
export async function GET(request: Request) {
  // Another site may not make the learner's browser fetch (or read) their data.
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to export your data.');
  const body = { exportedAt: new Date().toISOString(), ...await exportUserData(db(), user.id) };
  return new NextResponse(JSON.stringify(body, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="patternwise-${new Date().toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
}
