import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';
import { ankiPackage } from '@/lib/study/portability';

export const dynamic = 'force-dynamic';

const query = z.object({ schedule: z.enum(['0', '1'], { error: 'schedule must be 0 or 1' }).default('0') });

/** Every flashcard as an Anki package (.apkg); `?schedule=1` adds the learner's own schedule and history. */
export async function GET(request: Request) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to export your flashcards.');
  const url = new URL(request.url);
  const parsed = query.safeParse({ schedule: url.searchParams.get('schedule') ?? undefined });
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid request.');
  const now = new Date();
  const apkg = await ankiPackage(db(), getLibrary(), user.id, {
    includeSchedule: parsed.data.schedule === '1',
    baseUrl: env().NEXTAUTH_URL ?? url.origin,
    now,
  });
  return new NextResponse(Buffer.from(apkg), {
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="patternwise-${now.toISOString().slice(0, 10)}.apkg"`,
      'cache-control': 'no-store',
    },
  });
}
