import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { jsonError } from '@/lib/http';
import { guardRequest } from '@/lib/security/origin';
import { OptimizerBusyError, OptimizerLimitError, startOptimizer } from '@/lib/study/optimizer-job';

/**
 * Start fitting the learner's FSRS parameters: 202 `{ runId }`, then poll
 * `/api/optimizer/<runId>`. One run at a time and a few a day: 429 with a message otherwise.
 */
export async function POST(request: Request) {
  const refused = guardRequest(request, 'none');
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to optimize your parameters.');
  try {
    return NextResponse.json({ runId: await startOptimizer(db(), user.id, 'manual') }, { status: 202 });
  } catch (e) {
    if (e instanceof OptimizerBusyError) return jsonError(429, e.message);
    if (e instanceof OptimizerLimitError) {
      const res = jsonError(429, e.message);
      res.headers.set('retry-after', String(e.retryAfterSeconds));
      return res;
    }
    throw e;
  }
}
