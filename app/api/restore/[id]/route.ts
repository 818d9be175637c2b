import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';
import { restoreStatus } from '@/lib/study/restore';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.uuid({ error: 'The restore id must be a UUID.' }) });

/** A restore's progress and, when done, what it added and skipped. Only the learner's own. */
export async function GET(request: Request, { params: p }: { params: Promise<{ id: string }> }) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to see your restore.');
  const parsed = params.safeParse(await p);
  if (!parsed.success) return jsonError(400, 'The restore id must be a UUID.');
  const job = await restoreStatus(db(), user.id, parsed.data.id);
  if (!job) return jsonError(404, 'There is no such restore.');
  return NextResponse.json(job, { headers: { 'cache-control': 'no-store' } });
}
