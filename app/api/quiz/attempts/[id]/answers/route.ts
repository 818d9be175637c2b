import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { jsonError, readJson, zodDetails } from '@/lib/http';
import { guardRequest } from '@/lib/security/origin';
import { answerQuestion, QuizError } from '@/lib/study/quiz';

const params = z.object({ id: z.uuid({ error: 'The attempt id must be a UUID.' }) });
const body = z.object({
  questionId: z.string().min(3).max(200),
  position: z.number({ error: 'position must be the 0-based index of the option shown' }).int().min(0).max(9),
  durationMs: z.number({ error: 'durationMs must be a number of milliseconds' }).int().min(0).max(86_400_000).optional(),
});

/** Answer one question: `{ questionId, position, durationMs? }` (the option's place as shown, from 0; the time taken). */
export async function POST(request: Request, { params: p }: { params: Promise<{ id: string }> }) {
  const refused = guardRequest(request, 'json');
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to answer quizzes.');
  const id = params.safeParse(await p);
  if (!id.success) return jsonError(400, 'The attempt id must be a UUID.');
  const json = await readJson(request);
  if (!json.ok) return json.response;
  const parsed = body.safeParse(json.value);
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid answer.', zodDetails(parsed.error));
  try {
    const result = await answerQuestion(db(), getLibrary(), user.id, { attemptId: id.data.id, ...parsed.data }, new Date());
    return NextResponse.json(result, { status: 201 });
  } catch (e) {
    if (e instanceof QuizError) return jsonError(e.status, e.message);
    throw e;
  }
}
