import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { DuplicateReviewError } from '@/lib/db/reviews';
import { jsonError, readJson, zodDetails } from '@/lib/http';
import { cramItem } from '@/lib/study/cram';
import { BadGradeError, gradeInput, UnknownItemError } from '@/lib/study/review';

/**
 * Record a cram answer, `{ id, itemId, rating | answer, durationMs }` as for /api/reviews. It
 * is logged with source `cram` and changes no card state; a retried id is a no-op.
 */
export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to cram.');
  const body = await readJson(request);
  if (!body.ok) return jsonError(400, 'The request body must be JSON.');
  const parsed = gradeInput.safeParse(body.value);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid answer.', zodDetails(parsed.error));
  try {
    const { log, correct } = await cramItem(db(), getLibrary(), user.id, parsed.data, new Date());
    return NextResponse.json({ id: log.id, correct }, { status: 201 });
  } catch (e) {
    if (e instanceof DuplicateReviewError) return jsonError(409, 'This answer was already recorded; nothing changed.');
    if (e instanceof UnknownItemError) return jsonError(404, e.message);
    if (e instanceof BadGradeError) return jsonError(400, e.message);
    throw e;
  }
}
