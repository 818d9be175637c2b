import { raw } from '@/lib/db/prepared';
import { transaction } from '@/lib/db/tx';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { accountFootprint, deleteAccount, userTables } from '@/lib/db/account';
import { exportUserData } from '@/lib/db/export';
import { createRun, updateRun } from '@/lib/db/optimizer';
import { enrollInPath } from '@/lib/db/progress';
import { getRestoreJob } from '@/lib/db/restore';
import { markLessonRead, pullForward } from '@/lib/db/reviews';
import { newCard } from '@/lib/srs/scheduler';
import { BackupError } from '@/lib/portability/backup';
import { answerQuestion, finishQuiz, startQuiz } from './quiz';
import { gradeItem } from './review';
import { runRestore, startRestore } from './restore';
import { readBackupHeader } from '@/lib/portability/backup';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number, minutes = 0) => new Date(T0.getTime() + days * 86_400_000 + minutes * 60_000);
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** A learner with a few weeks of study: reads, an enrollment, reviews of cards and questions, a quiz, a run. */
async function studiedLearner(email?: string): Promise<string> {
  const user = await ctx.learner(email);
  await enrollInPath(ctx.db, user, 'beginner', at(-1));
  for (const t of ['timeout', 'retry-backoff']) await markLessonRead(ctx.db, user, t, at(-1));
  const cards = [...library.topics.get('timeout')!.cards.slice(0, 4), ...library.topics.get('retry-backoff')!.cards.slice(0, 2)];
  const ratings = [3, 4, 2, 3, 1, 3] as const;
  for (const [i, c] of cards.entries()) {
    await gradeItem(ctx.db, library, user, { id: uuid(), itemId: c.id, rating: ratings[i]!, durationMs: 4000 }, at(0, i));
    await gradeItem(ctx.db, library, user, { id: uuid(), itemId: c.id, rating: 3, durationMs: 3000 }, at(0, 30 + i));
    await gradeItem(ctx.db, library, user, { id: uuid(), itemId: c.id, rating: 3, durationMs: 2500 }, at(3, i));
  }
  const attempt = await startQuiz(ctx.db, library, user, 'topic', 'timeout', at(4));
  for (const [i, q] of attempt.questionIds.slice(0, 3).entries()) {
    await answerQuestion(ctx.db, library, user, { attemptId: attempt.id, questionId: q, position: i % 2, durationMs: 9000 }, at(4, i));
  }
  await finishQuiz(ctx.db, library, user, attempt.id, at(4, 5));
  // A card pulled into a day without a review of its own.
  await transaction(ctx.db, (tx) => pullForward(tx, user, [{ itemId: library.topics.get('timeout')!.cards[6]!.id, topicId: 'timeout' }], at(4, 6), newCard));
  const run = await createRun(ctx.db, { id: uuid(), userId: user, trigger: 'manual', now: at(5) });
  await updateRun(ctx.db, run.id, { status: 'failed', message: 'Needs at least 400 reviews.', finishedAt: at(5) });
  return user;
}

/** An export without what differs by account and by time of writing. */
function comparable(data: Awaited<ReturnType<typeof exportUserData>>) {
  const { user: _user, settings: _settings, ...rest } = data;
  return {
    ...rest,
    cardStates: rest.cardStates.map(({ updatedAt: _u, ...s }) => s).sort((a, b) => a.itemId.localeCompare(b.itemId)),
    reviewLogs: [...rest.reviewLogs].sort((a, b) => a.id.localeCompare(b.id)),
    lessonReads: [...rest.lessonReads].sort((a, b) => a.topicId.localeCompare(b.topicId)),
  };
}

const fileOf = async (userId: string) => JSON.stringify({ exportedAt: new Date().toISOString(), ...await exportUserData(ctx.db, userId) });

async function restore(userId: string, text: string, includeSettings = false) {
  const jobId = uuid();
  await raw(ctx.db).run("insert into restore_jobs (id, user_id, status, progress, started_at) values (?, ?, 'running', 0, ?)", jobId, userId, Date.now());
  return runRestore(ctx.db, library, userId, jobId, readBackupHeader(text), { includeSettings });
}

describe('restore from a backup', () => {
  it('export, delete the account, restore into a new one, export again: the same records', async () => {
    const old = await studiedLearner('me@example.com');
    const file = await fileOf(old);
    const before = comparable(await exportUserData(ctx.db, old));
    await deleteAccount(ctx.db, old);
    const fresh = await ctx.learner('me@example.com');
    const report = await restore(fresh, file, true);
    expect(report.reviews).toEqual({ added: before.reviewLogs.length, skipped: 0 });
    expect(report.attempts).toEqual({ added: 1, skipped: 0 });
    expect(report.reads).toEqual({ added: 2, skipped: 0 });
    expect(report.unknownItems).toEqual([]);
    expect(comparable(await exportUserData(ctx.db, fresh))).toEqual(before);
  });

  it('restoring the same file twice adds nothing the second time', async () => {
    const user = await studiedLearner();
    const file = await fileOf(user);
    const before = comparable(await exportUserData(ctx.db, user));
    const report = await restore(user, file);
    expect(report.reviews.added).toBe(0);
    expect(report.reviews.skipped).toBe(before.reviewLogs.length);
    expect(report.attempts).toEqual({ added: 0, skipped: 1 });
    expect(report.reads).toEqual({ added: 0, skipped: 2 });
    expect(comparable(await exportUserData(ctx.db, user))).toEqual(before);
  });

  it('into a second account of the same database, with the first still there: copies under new ids, once', async () => {
    const first = await studiedLearner();
    const file = await fileOf(first);
    const second = await ctx.learner();
    const once = await restore(second, file);
    expect(once.reviews.added).toBe((await exportUserData(ctx.db, first)).reviewLogs.length);
    const twice = await restore(second, file);
    expect(twice.reviews).toEqual({ added: 0, skipped: once.reviews.added });
    // The first account is untouched, and the copy's quiz answers point at the copy's reviews.
    expect(comparable(await exportUserData(ctx.db, first)).reviewLogs.length).toBe(once.reviews.added);
    const copy = await exportUserData(ctx.db, second);
    const logIds = new Set(copy.reviewLogs.map((l) => l.id));
    for (const a of copy.quizAttempts.flatMap((x) => x.answers)) expect(logIds.has(a.reviewLogId!)).toBe(true);
    expect(copy.cardStates.map((s) => s.itemId).sort()).toEqual((await exportUserData(ctx.db, first)).cardStates.map((s) => s.itemId).sort());
  });

  it('merges a backup into an account that studied since: both histories, states replayed from the merged log', async () => {
    const user = await studiedLearner();
    const file = await fileOf(user);
    const fresh = await ctx.learner();
    const card = library.topics.get('timeout')!.cards[0]!.id;
    await markLessonRead(ctx.db, fresh, 'timeout', at(10));
    await gradeItem(ctx.db, library, fresh, { id: uuid(), itemId: card, rating: 3, durationMs: 1000 }, at(10));
    await restore(fresh, file);
    const logs = (await exportUserData(ctx.db, fresh)).reviewLogs.filter((l) => l.itemId === card);
    expect(logs).toHaveLength(4);
    const state = (await exportUserData(ctx.db, fresh)).cardStates.find((s) => s.itemId === card)!;
    expect(state.reps).toBe(4);
    expect(state.lastReview).toEqual(at(10));
  });

  it('keeps reviews of items the library no longer has in the log, lists them, and gives them no card state', async () => {
    const user = await studiedLearner();
    const data = JSON.parse(await fileOf(user)) as { reviewLogs: { itemId: string; id: string }[] };
    data.reviewLogs.push({ ...data.reviewLogs[0]!, id: uuid(), itemId: 'retired-pattern/old-card' });
    const fresh = await ctx.learner();
    const report = await restore(fresh, JSON.stringify(data));
    expect(report.unknownItems).toEqual(['retired-pattern/old-card']);
    const out = await exportUserData(ctx.db, fresh);
    expect(out.reviewLogs.some((l) => l.itemId === 'retired-pattern/old-card')).toBe(true);
    expect(out.cardStates.some((s) => s.itemId === 'retired-pattern/old-card')).toBe(false);
  });

  it('restores a 10 MB backup', async () => {
    const user = await studiedLearner();
    const data = JSON.parse(await fileOf(user)) as { reviewLogs: Record<string, unknown>[] };
    const template = data.reviewLogs[0]!;
    const cardIds = [...library.items.values()].filter((i) => i.kind === 'card').map((i) => i.card!.id);
    const logs: Record<string, unknown>[] = [];
    const base = JSON.stringify(data).length;
    let size = base;
    for (let i = 0; size < 10.5 * 1024 * 1024; i++) {
      const log = { ...template, id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, itemId: cardIds[i % cardIds.length], review: new Date(T0.getTime() - (i + 1) * 3_600_000).toISOString(), rating: 3 };
      logs.push(log);
      size += JSON.stringify(log).length + 1;
    }
    data.reviewLogs.push(...logs);
    const text = JSON.stringify(data);
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    const fresh = await ctx.learner();
    const report = await restore(fresh, text);
    expect(report.reviews.added).toBe(data.reviewLogs.length);
    expect(report.cardStates).toBeGreaterThan(100);
  }, 60_000);
});

describe('a file that is not a good backup gets a clear message and changes nothing', () => {
  const cases: [string, (file: string) => string, RegExp][] = [
    ['damaged (cut short)', (f) => f.slice(0, f.length / 2), /not valid JSON/],
    ['another app\'s file', () => JSON.stringify({ format: 'anki-json', cards: [] }), /not a Patternwise backup/],
    ['no format at all', () => JSON.stringify([{ front: 'x' }]), /not a Patternwise backup/],
    ['a newer version', (f) => f.replace('patternwise-export/1', 'patternwise-export/2'), /newer version of Patternwise/],
    ['a missing list', (f) => JSON.stringify({ ...JSON.parse(f), reviewLogs: undefined }), /damaged: reviewLogs/],
  ];
  it.each(cases)('%s', async (_name, mangle, message) => {
    const user = await studiedLearner();
    const fresh = await ctx.learner();
    const text = mangle(await fileOf(user));
    await expect(startRestore(ctx.db, library, fresh, text, { includeSettings: false })).rejects.toThrow(message);
    expect(await accountFootprint(ctx.db, fresh)).toMatchObject({ review_logs: 0, card_states: 0, lesson_reads: 0, quiz_attempts: 0, restore_jobs: 0 });
  });

  it('a damaged record is found before anything is written', async () => {
    const user = await studiedLearner();
    const data = JSON.parse(await fileOf(user)) as { reviewLogs: { rating: number }[] };
    data.reviewLogs[3]!.rating = 7;
    const fresh = await ctx.learner();
    await expect(restore(fresh, JSON.stringify(data))).rejects.toThrow(/reviewLogs\.3\.rating|reviewLogs\[3\]\.rating/);
    expect(await accountFootprint(ctx.db, fresh)).toMatchObject({ review_logs: 0, card_states: 0, lesson_reads: 0, quiz_attempts: 0 });
  });

  it('the background job reports the damaged record as its failure', async () => {
    const user = await studiedLearner();
    const data = JSON.parse(await fileOf(user)) as { reviewLogs: { review: string }[] };
    data.reviewLogs[1]!.review = 'yesterday';
    const fresh = await ctx.learner();
    const id = await startRestore(ctx.db, library, fresh, JSON.stringify(data), { includeSettings: false });
    for (let i = 0; i < 100 && (await getRestoreJob(ctx.db, fresh, id))!.status === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    const job = (await getRestoreJob(ctx.db, fresh, id))!;
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/damaged: reviewLogs\[1\]\.review/);
    expect((await accountFootprint(ctx.db, fresh)).review_logs).toBe(0);
  });

  it('refuses a file over the size limit', () => {
    expect(() => readBackupHeader(' '.repeat(64 * 1024 * 1024 + 1))).toThrow(BackupError);
  });
});

describe('delete my account', () => {
  it('removes every row of the learner\'s from every table, and nobody else\'s', async () => {
    const gone = await studiedLearner();
    const stays = await studiedLearner();
    const staysBefore = await accountFootprint(ctx.db, stays);
    await deleteAccount(ctx.db, gone);
    const r = raw(ctx.db);
    for (const table of userTables()) {
      const row = await r.get<{ n: number }>(`select count(*) as n from "${table}" where user_id = ?`, gone);
      expect(Number(row?.n), table).toBe(0);
    }
    expect(Number((await r.get<{ n: number }>('select count(*) as n from users where id = ?', gone))?.n)).toBe(0);
    expect(Number((await r.get<{ n: number }>('select count(*) as n from quiz_answers where attempt_id not in (select id from quiz_attempts)'))?.n)).toBe(0);
    expect(await accountFootprint(ctx.db, stays)).toEqual(staysBefore);
  });
});
