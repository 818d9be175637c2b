import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { WriteBusyError } from '@/lib/db/group-commit';
import { DuplicateReviewError } from '@/lib/db/reviews';
import { jsonError, readJson, zodDetails } from '@/lib/http';
import { guardRequest } from '@/lib/security/origin';
import { maybeAutoOptimize } from '@/lib/study/optimizer-job';
import { BadGradeError, gradeInput, NotStudyableError, gradeItem, UnknownItemError } from '@/lib/study/review';

/**
 * Grade a flashcard `{ id, itemId, rating, durationMs }` or answer a due quiz question
 * `{ id, itemId, answer, durationMs }`. The id comes from the client, so a retry is a no-op.
 * Answers the card as stored, and `previews` (null unless it comes back in this session).
 */
export async function POST(request: Request) {
  const refused = guardRequest(request, 'json');
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to record reviews.');
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = gradeInput.safeParse(body.value);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid review.', zodDetails(parsed.error));
  try {
    const now = new Date();
    // Answered after the transaction holding this grade committed (grades arriving together share it).
    const { card, log, correct, pulled, autoOptimize, reviewsSinceOptimize, previews } = await gradeItem(db(), getLibrary(), user.id, parsed.data, now);
    // Re-fits the learner's parameters in the background when enough new reviews have piled up.
    await maybeAutoOptimize(db(), user.id, now, { autoOptimize, reviewsSinceOptimize });
    return NextResponse.json({ id: log.id, card, correct, pulled, previews }, { status: 201 });
  } catch (e) {
    if (e instanceof DuplicateReviewError) return jsonError(409, 'This review was already recorded; nothing changed.');
    if (e instanceof UnknownItemError) return jsonError(404, e.message);
    if (e instanceof BadGradeError) return jsonError(400, e.message);
    if (e instanceof NotStudyableError) return jsonError(409, e.message);
    if (e instanceof WriteBusyError) return busy(e);
    throw e;
  }
}

function busy(e: WriteBusyError) {
  const response = jsonError(503, e.message);
  response.headers.set('retry-after', '1');
  return response;
}
