import { userFromSessionToken } from '@/lib/auth/session-user';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { WriteBusyError } from '@/lib/db/group-commit';
import { DuplicateReviewError } from '@/lib/db/reviews';
import { zodDetails } from '@/lib/http';
import { BodyTooLargeError, requestRefusal, type RequestLike } from '@/lib/security/origin';
import { maybeAutoOptimize } from '@/lib/study/optimizer-job';
import { BadGradeError, gradeInput, NotStudyableError, gradeItem, UnknownItemError } from '@/lib/study/review';

/** What `POST /api/reviews` answers: a status, a JSON body and any extra headers. */
export type Answer = { status: number; body: object; headers?: Record<string, string> };

const error = (status: number, message: string, details?: Record<string, string>): Answer => ({
  status,
  body: details ? { error: message, details } : { error: message },
});

/**
 * Grade a flashcard `{ id, itemId, rating, durationMs }` or answer a due quiz question
 * `{ id, itemId, answer, durationMs }`. The id comes from the client, so a retry is a no-op.
 * Answers the card as stored, and `previews` (null unless it comes back in this session).
 *
 * One function for the route handler (app/api/reviews/route.ts) and the grading fast path
 * (lib/server/fast-routes.ts, docs/decisions/019): the same checks in the same order (origin,
 * body type and size, session, JSON, schema), the same transaction, the same answers.
 * `readBody` reads the body as UTF-8 text and throws BodyTooLargeError past 1 MB.
 */
export async function answerGrade(request: RequestLike, sessionToken: string | null, readBody: () => Promise<string>): Promise<Answer> {
  const refused = requestRefusal(request, 'json');
  if (refused) return error(refused.status, refused.error);
  const user = await userFromSessionToken(sessionToken);
  if (!user) return error(401, 'Sign in to record reviews.');
  let body: unknown;
  try {
    body = JSON.parse(await readBody()) as unknown;
  } catch (e) {
    if (e instanceof BodyTooLargeError) return error(413, 'The request body is larger than 1 MB.');
    return error(400, 'The request body must be JSON.');
  }
  const parsed = gradeInput.safeParse(body);
  if (!parsed.success) return error(400, parsed.error.issues[0]?.message ?? 'Invalid review.', zodDetails(parsed.error));
  try {
    const now = new Date();
    // Answered after the transaction holding this grade committed (grades arriving together share it).
    const { card, log, correct, pulled, autoOptimize, reviewsSinceOptimize, previews } = await gradeItem(db(), getLibrary(), user.id, parsed.data, now);
    // Re-fits the learner's parameters in the background when enough new reviews have piled up.
    await maybeAutoOptimize(db(), user.id, now, { autoOptimize, reviewsSinceOptimize });
    return { status: 201, body: { id: log.id, card, correct, pulled, previews } };
  } catch (e) {
    if (e instanceof DuplicateReviewError) return error(409, 'This review was already recorded; nothing changed.');
    if (e instanceof UnknownItemError) return error(404, e.message);
    if (e instanceof BadGradeError) return error(400, e.message);
    if (e instanceof NotStudyableError) return error(409, e.message);
    if (e instanceof WriteBusyError) return { ...error(503, e.message), headers: { 'retry-after': '1' } };
    throw e;
  }
}
