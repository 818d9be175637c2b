import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { getRun } from '@/lib/db/optimizer';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';
import { publicRun, settleStaleRun } from '@/lib/study/optimizer-job';

const params = z.object({ id: z.uuid() });

/** The state of one of the learner's optimizer runs (the settings page polls it). */
export async function GET(request: Request, { params: p }: { params: Promise<{ id: string }> }) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to see your optimizer runs.');
  const parsed = params.safeParse(await p);
  if (!parsed.success) return jsonError(400, 'The run id must be a UUID.');
  const run = await getRun(db(), user.id, parsed.data.id);
  if (!run) return jsonError(404, 'There is no such optimizer run.');
  return NextResponse.json(
    publicRun(await settleStaleRun(db(), run)),
    { headers: { 'cache-control': 'no-store' } },
  );
}
