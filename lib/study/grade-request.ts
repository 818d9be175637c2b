import { userFromSessionToken } from '@/lib/auth/session-user';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { WriteBusyError } from '@/lib/db/group-commit';
import { DuplicateReviewError } from '@/lib/db/reviews';
import { errorBody, parseJsonBody, zodDetails } from '@/lib/http';
import { requestRefusal, type RequestLike } from '@/lib/security/origin';
import { maybeAutoOptimize } from '@/lib/study/optimizer-job';
import { BadGradeError, gradeInput, NotStudyableError, gradeItem, UnknownItemError } from '@/lib/study/review';

/** What `POST /api/reviews` answers: a status, a JSON body and any extra headers. */
export type Answer = { status: number; body: object; headers?: Record<string, string> };

const error = (status: number, message: string, details?: Record<string, string>): Answer => ({ status, body: errorBody(message, details) });

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
  const body = await parseJsonBody(readBody);
  if (!body.ok) return error(body.status, body.error);
  const parsed = gradeInput.safeParse(body.value);
  if (!parsed.success) return error(400, parsed.error.issues[0]?.message ?? 'Invalid review.', zodDetails(parsed.error));
  try {
    const now = new Date();
    // Answered after the transaction holding this grade committed (grades arriving together share it).
    const { card, log, correct, pulled, autoOptimize, reviewsSinceOptimize, previews } = await gradeItem(db(), getLibrary(), user.id, parsed.data, now);
    // Re-fits the learner's parameters in the background when enough new reviews have piled up:
    // the check (which may read the last run's start) does not hold up the answer.
    void maybeAutoOptimize(db(), user.id, now, { autoOptimize, reviewsSinceOptimize }).catch((e: unknown) => console.error('auto-optimize check failed:', e));
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
