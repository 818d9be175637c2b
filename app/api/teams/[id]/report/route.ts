import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { TeamError } from '@/lib/db/teams';
import { jsonError } from '@/lib/http';
import { checkOrigin } from '@/lib/security/origin';
import { loadTeamView } from '@/lib/study/teams';
import { reportCsv } from '@/lib/teams/report';

export const dynamic = 'force-dynamic';

const id = z.string().uuid();

/** The team report as CSV, as the learner's role may read it (members: their own row). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to export a team report.');
  const parsed = id.safeParse((await params).id);
  if (!parsed.success) return jsonError(404, 'There is no such team, or you are not in it.');
  try {
    const view = await loadTeamView(db(), getLibrary(), user.id, parsed.data, new Date());
    const name = view.team.name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'team';
    return new NextResponse(reportCsv(view.report), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="patternwise-${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    if (e instanceof TeamError) return jsonError(e.status, e.message);
    throw e;
  }
}
