import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';
import { searchIndex } from '@/lib/study/search';

export const dynamic = 'force-dynamic';

const query = z.object({
  q: z.string({ error: 'Send the words to search for as q.' }).trim().min(1, 'Type something to search for.').max(100, 'Search for at most 100 characters.'),
  limit: z.coerce.number().int().min(1).max(30).default(12),
});

/** `GET /api/search?q=sharding`: patterns, laws, pillars, case studies, domains and flashcards, best first. */
export async function GET(request: Request) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to search the library.');
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ q: params.get('q') ?? undefined, limit: params.get('limit') ?? undefined });
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid search.');
  const started = performance.now();
  const results = searchIndex().search(parsed.data.q, parsed.data.limit);
  return NextResponse.json(
    { results, ms: Math.round((performance.now() - started) * 100) / 100 },
    { headers: { 'cache-control': 'private, max-age=60' } },
  );
}
