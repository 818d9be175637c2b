import path from 'node:path';
import { sql } from 'drizzle-orm';
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
let ctx: ReturnType<typeof freshDb>;
beforeEach(() => {
  ctx = freshDb();
});
afterEach(() => ctx.cleanup());

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number, minutes = 0) => new Date(T0.getTime() + days * 86_400_000 + minutes * 60_000);
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** A learner with a few weeks of study: reads, an enrollment, reviews of cards and questions, a quiz, a run. */
function studiedLearner(email?: string): string {
  const user = ctx.learner(email);
  enrollInPath(ctx.db, user, 'beginner', at(-1));
  for (const t of ['timeout', 'retry-backoff']) markLessonRead(ctx.db, user, t, at(-1));
  const cards = [...library.topics.get('timeout')!.cards.slice(0, 4), ...library.topics.get('retry-backoff')!.cards.slice(0, 2)];
  const ratings = [3, 4, 2, 3, 1, 3] as const;
  cards.forEach((c, i) => {
    gradeItem(ctx.db, library, user, { id: uuid(), itemId: c.id, rating: ratings[i]!, durationMs: 4000 }, at(0, i));
    gradeItem(ctx.db, library, user, { id: uuid(), itemId: c.id, rating: 3, durationMs: 3000 }, at(0, 30 + i));
    gradeItem(ctx.db, library, user, { id: uuid(), itemId: c.id, rating: 3, durationMs: 2500 }, at(3, i));
  });
  const attempt = startQuiz(ctx.db, library, user, 'topic', 'timeout', at(4));
  attempt.questionIds.slice(0, 3).forEach((q, i) => answerQuestion(ctx.db, library, user, { attemptId: attempt.id, questionId: q, position: i % 2, durationMs: 9000 }, at(4, i)));
  finishQuiz(ctx.db, library, user, attempt.id, at(4, 5));
  // A card pulled into a day without a review of its own.
  ctx.db.transaction((tx) => pullForward(tx, user, [{ itemId: library.topics.get('timeout')!.cards[6]!.id, topicId: 'timeout' }], at(4, 6), newCard));
  const run = createRun(ctx.db, { id: uuid(), userId: user, trigger: 'manual', now: at(5) });
  updateRun(ctx.db, run.id, { status: 'failed', message: 'Needs at least 400 reviews.', finishedAt: at(5) });
  return user;
}

/** An export without what differs by account and by time of writing. */
function comparable(data: ReturnType<typeof exportUserData>) {
  const { user: _user, settings: _settings, ...rest } = data;
  return {
    ...rest,
    cardStates: rest.cardStates.map(({ updatedAt: _u, ...s }) => s).sort((a, b) => a.itemId.localeCompare(b.itemId)),
    reviewLogs: [...rest.reviewLogs].sort((a, b) => a.id.localeCompare(b.id)),
    lessonReads: [...rest.lessonReads].sort((a, b) => a.topicId.localeCompare(b.topicId)),
  };
}

const fileOf = (userId: string) => JSON.stringify({ exportedAt: new Date().toISOString(), ...exportUserData(ctx.db, userId) });

async function restore(userId: string, text: string, includeSettings = false) {
  const jobId = uuid();
  ctx.db.run(sql`insert into restore_jobs (id, user_id, status, progress, started_at) values (${jobId}, ${userId}, 'running', 0, ${Date.now()})`);
  return runRestore(ctx.db, library, userId, jobId, readBackupHeader(text), { includeSettings });
}

describe('restore from a backup', () => {
  it('export, delete the account, restore into a new one, export again: the same records', async () => {
    const old = studiedLearner('me@example.com');
    const file = fileOf(old);
    const before = comparable(exportUserData(ctx.db, old));
    deleteAccount(ctx.db, old);
    const fresh = ctx.learner('me@example.com');
    const report = await restore(fresh, file, true);
    expect(report.reviews).toEqual({ added: before.reviewLogs.length, skipped: 0 });
    expect(report.attempts).toEqual({ added: 1, skipped: 0 });
    expect(report.reads).toEqual({ added: 2, skipped: 0 });
    expect(report.unknownItems).toEqual([]);
    expect(comparable(exportUserData(ctx.db, fresh))).toEqual(before);
  });

  it('restoring the same file twice adds nothing the second time', async () => {
    const user = studiedLearner();
    const file = fileOf(user);
    const before = comparable(exportUserData(ctx.db, user));
    const report = await restore(user, file);
    expect(report.reviews.added).toBe(0);
    expect(report.reviews.skipped).toBe(before.reviewLogs.length);
    expect(report.attempts).toEqual({ added: 0, skipped: 1 });
    expect(report.reads).toEqual({ added: 0, skipped: 2 });
    expect(comparable(exportUserData(ctx.db, user))).toEqual(before);
  });

  it('into a second account of the same database, with the first still there: copies under new ids, once', async () => {
    const first = studiedLearner();
    const file = fileOf(first);
    const second = ctx.learner();
    const once = await restore(second, file);
    expect(once.reviews.added).toBe(exportUserData(ctx.db, first).reviewLogs.length);
    const twice = await restore(second, file);
    expect(twice.reviews).toEqual({ added: 0, skipped: once.reviews.added });
    // The first account is untouched, and the copy's quiz answers point at the copy's reviews.
    expect(comparable(exportUserData(ctx.db, first)).reviewLogs.length).toBe(once.reviews.added);
    const copy = exportUserData(ctx.db, second);
    const logIds = new Set(copy.reviewLogs.map((l) => l.id));
    for (const a of copy.quizAttempts.flatMap((x) => x.answers)) expect(logIds.has(a.reviewLogId!)).toBe(true);
    expect(copy.cardStates.map((s) => s.itemId).sort()).toEqual(exportUserData(ctx.db, first).cardStates.map((s) => s.itemId).sort());
  });

  it('merges a backup into an account that studied since: both histories, states replayed from the merged log', async () => {
    const user = studiedLearner();
    const file = fileOf(user);
    const fresh = ctx.learner();
    const card = library.topics.get('timeout')!.cards[0]!.id;
    markLessonRead(ctx.db, fresh, 'timeout', at(10));
    gradeItem(ctx.db, library, fresh, { id: uuid(), itemId: card, rating: 3, durationMs: 1000 }, at(10));
    await restore(fresh, file);
    const logs = exportUserData(ctx.db, fresh).reviewLogs.filter((l) => l.itemId === card);
    expect(logs).toHaveLength(4);
    const state = exportUserData(ctx.db, fresh).cardStates.find((s) => s.itemId === card)!;
    expect(state.reps).toBe(4);
    expect(state.lastReview).toEqual(at(10));
  });

  it('keeps reviews of items the library no longer has in the log, lists them, and gives them no card state', async () => {
    const user = studiedLearner();
    const data = JSON.parse(fileOf(user)) as { reviewLogs: { itemId: string; id: string }[] };
    data.reviewLogs.push({ ...data.reviewLogs[0]!, id: uuid(), itemId: 'retired-pattern/old-card' });
    const fresh = ctx.learner();
    const report = await restore(fresh, JSON.stringify(data));
    expect(report.unknownItems).toEqual(['retired-pattern/old-card']);
    const out = exportUserData(ctx.db, fresh);
    expect(out.reviewLogs.some((l) => l.itemId === 'retired-pattern/old-card')).toBe(true);
    expect(out.cardStates.some((s) => s.itemId === 'retired-pattern/old-card')).toBe(false);
  });

  it('restores a 10 MB backup', async () => {
    const user = studiedLearner();
    const data = JSON.parse(fileOf(user)) as { reviewLogs: Record<string, unknown>[] };
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
    const fresh = ctx.learner();
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
  it.each(cases)('%s', (_name, mangle, message) => {
    const user = studiedLearner();
    const fresh = ctx.learner();
    const text = mangle(fileOf(user));
    expect(() => startRestore(ctx.db, library, fresh, text, { includeSettings: false })).toThrow(message);
    expect(accountFootprint(ctx.db, fresh)).toMatchObject({ review_logs: 0, card_states: 0, lesson_reads: 0, quiz_attempts: 0, restore_jobs: 0 });
  });

  it('a damaged record is found before anything is written', async () => {
    const user = studiedLearner();
    const data = JSON.parse(fileOf(user)) as { reviewLogs: { rating: number }[] };
    data.reviewLogs[3]!.rating = 7;
    const fresh = ctx.learner();
    await expect(restore(fresh, JSON.stringify(data))).rejects.toThrow(/reviewLogs\.3\.rating|reviewLogs\[3\]\.rating/);
    expect(accountFootprint(ctx.db, fresh)).toMatchObject({ review_logs: 0, card_states: 0, lesson_reads: 0, quiz_attempts: 0 });
  });

  it('the background job reports the damaged record as its failure', async () => {
    const user = studiedLearner();
    const data = JSON.parse(fileOf(user)) as { reviewLogs: { review: string }[] };
    data.reviewLogs[1]!.review = 'yesterday';
    const fresh = ctx.learner();
    const id = startRestore(ctx.db, library, fresh, JSON.stringify(data), { includeSettings: false });
    for (let i = 0; i < 100 && getRestoreJob(ctx.db, fresh, id)!.status === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    const job = getRestoreJob(ctx.db, fresh, id)!;
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/damaged: reviewLogs\[1\]\.review/);
    expect(accountFootprint(ctx.db, fresh).review_logs).toBe(0);
  });

  it('refuses a file over the size limit', () => {
    expect(() => readBackupHeader(' '.repeat(64 * 1024 * 1024 + 1))).toThrow(BackupError);
  });
});

describe('delete my account', () => {
  it('removes every row of the learner\'s from every table, and nobody else\'s', () => {
    const gone = studiedLearner();
    const stays = studiedLearner();
    const staysBefore = accountFootprint(ctx.db, stays);
    deleteAccount(ctx.db, gone);
    for (const table of userTables(ctx.db)) {
      const row = ctx.db.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)} where user_id = ${gone}`);
      expect(row?.n, table).toBe(0);
    }
    expect(ctx.db.get<{ n: number }>(sql`select count(*) as n from users where id = ${gone}`)?.n).toBe(0);
    expect(ctx.db.get<{ n: number }>(sql`select count(*) as n from quiz_answers where attempt_id not in (select id from quiz_attempts)`)?.n).toBe(0);
    expect(accountFootprint(ctx.db, stays)).toEqual(staysBefore);
  });
});
