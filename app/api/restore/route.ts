import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { jsonError } from '@/lib/http';
import { BackupError, MAX_BACKUP_BYTES } from '@/lib/portability/backup';
import { RestoreBusyError, startRestore } from '@/lib/study/restore';
import { BodyTooLargeError, checkOrigin, readCappedText } from '@/lib/security/origin';

export const dynamic = 'force-dynamic';

const query = z.object({ settings: z.enum(['0', '1'], { error: 'settings must be 0 or 1' }).default('0') });

/**
 * Restore from a backup: the body is the JSON file that /api/export wrote; `?settings=1` also
 * restores the study settings. Answers 202 with the job id; GET /api/restore/<id> reports progress.
 */
export async function POST(request: Request) {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return jsonError(401, 'Sign in to restore a backup.');
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return jsonError(415, 'Send the backup file as application/json.');
  const parsed = query.safeParse({ settings: new URL(request.url).searchParams.get('settings') ?? undefined });
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? 'Invalid request.');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BACKUP_BYTES) return jsonError(413, `This file is larger than ${MAX_BACKUP_BYTES / 1024 / 1024} MB; a Patternwise backup of 100,000 reviews is about 45 MB.`);
  let text: string;
  try {
    text = await readCappedText(request, MAX_BACKUP_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return jsonError(413, `This file is larger than ${MAX_BACKUP_BYTES / 1024 / 1024} MB.`);
    return jsonError(400, 'The file could not be read as UTF-8 text: it may be damaged.');
  }
  try {
    const id = await startRestore(db(), getLibrary(), user.id, text, { includeSettings: parsed.data.settings === '1' });
    return NextResponse.json({ id }, { status: 202 });
  } catch (e) {
    if (e instanceof BackupError) return jsonError(e.status, e.message);
    if (e instanceof RestoreBusyError) return jsonError(409, e.message);
    throw e;
  }
}
