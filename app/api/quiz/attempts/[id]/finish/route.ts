import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { jsonError } from '@/lib/http';
import { guardRequest } from '@/lib/security/origin';
import { finishQuiz, QuizError } from '@/lib/study/quiz';

const params = z.object({ id: z.uuid() });

/** Close an attempt and score it (unanswered questions count as wrong). Finishing twice is harmless. */
export async function POST(request: Request, { params: p }: { params: Promise<{ id: string }> }) {
  const refused = guardRequest(request, 'none');
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to finish quizzes.');
  const id = params.safeParse(await p);
  if (!id.success) return jsonError(400, 'The attempt id must be a UUID.');
  try {
    const attempt = await finishQuiz(db(), getLibrary(), user.id, id.data.id, new Date());
    return NextResponse.json({ score: attempt.score, total: attempt.total, passed: attempt.passed });
  } catch (e) {
    if (e instanceof QuizError) return jsonError(e.status, e.message);
    throw e;
  }
}
