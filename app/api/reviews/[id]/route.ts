import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { WriteBusyError } from '@/lib/db/group-commit';
import { NotLatestReviewError, ReviewNotFoundError } from '@/lib/db/reviews';
import { jsonError } from '@/lib/http';
import { guardRequest } from '@/lib/security/origin';
import { undoItem } from '@/lib/study/review';

const params = z.object({ id: z.uuid() });

/** Undo a review: the card goes back to exactly where it was and the log row is removed. */
export async function DELETE(request: Request, { params: p }: { params: Promise<{ id: string }> }) {
  const refused = guardRequest(request, 'none');
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to undo reviews.');
  const parsed = params.safeParse(await p);
  if (!parsed.success) return jsonError(400, 'The review id must be a UUID.');
  try {
    const { itemId, card } = await undoItem(db(), user.id, parsed.data.id);
    return NextResponse.json({ itemId, card });
  } catch (e) {
    if (e instanceof ReviewNotFoundError) return jsonError(404, e.message);
    if (e instanceof NotLatestReviewError) return jsonError(409, e.message);
    if (e instanceof WriteBusyError) {
      const response = jsonError(503, e.message);
      response.headers.set('retry-after', '1');
      return response;
    }
    throw e;
  }
}
