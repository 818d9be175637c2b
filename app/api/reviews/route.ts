import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { sessionTokenFrom } from '@/lib/auth/jwt';
import { readCappedText } from '@/lib/security/origin';
import { answerGrade } from '@/lib/study/grade-request';

/**
 * Grade a flashcard or answer a due quiz question (lib/study/grade-request.ts). Under
 * `npm start` the server process answers these before Next sees them (lib/server/fast-routes.ts);
 * this handler serves the rest: `next dev`, and a request the fast path leaves to Next.
 */
export async function POST(request: Request) {
  const answer = await answerGrade(request, sessionTokenFrom(await cookies()), () => readCappedText(request));
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}
