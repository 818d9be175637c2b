import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { jsonError, readJson, zodDetails } from '@/lib/http';
import { guardRequest } from '@/lib/security/origin';
import { nextReviewItems } from '@/lib/study/review-items';
import { NEXT_BATCH } from '@/lib/study/review-view';

const input = z.object({
  ids: z.array(z.string().min(3).max(200)).min(1).max(NEXT_BATCH, `Ask for at most ${NEXT_BATCH} items at a time.`),
});

/**
 * The next items of today's review session `{ ids }` (the page sent their ids in queue
 * order): each with its rendered content, the learner's card state as it is now and the grade
 * buttons' previews. A POST, so the ids travel in the body; it changes nothing.
 */
export async function POST(request: Request) {
  const refused = guardRequest(request, 'json');
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to review.');
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = input.safeParse(body.value);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid request.', zodDetails(parsed.error));
  const items = await nextReviewItems(db(), getLibrary(), user.id, parsed.data.ids, new Date());
  return NextResponse.json({ items }, { headers: { 'cache-control': 'no-store' } });
}
