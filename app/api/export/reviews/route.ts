import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';
import { reviewsCsv } from '@/lib/study/portability';

export const dynamic = 'force-dynamic';

/** The learner's review log as CSV in the columns the FSRS optimizer and benchmark read. */
export async function GET(request: Request) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to export your review log.');
  return new NextResponse(await reviewsCsv(db(), user.id), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="patternwise-reviews-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
