import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from '@/lib/security/limits';

/**
 * The backup file that /api/export writes and Settings > Restore reads back. Pure: it tells a
 * damaged file, another app's file and a future version's file apart with a message a person
 * can act on, and validates every record before anything is written.
 */

export const BACKUP_FORMAT = 'patternwise-export/1';
/** Restores refuse files larger than this (100,000 reviews are about 45 MB). */
export const MAX_BACKUP_BYTES = MAX_UPLOAD_BYTES;

export class BackupError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 422 = 400,
  ) {
    super(message);
  }
}

const date = z.union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()]).transform((v) => new Date(v));
const id = z.string().min(1).max(200);

export const backupReview = z.object({
  id,
  itemId: id,
  rating: z.number().int().min(1).max(4),
  state: z.number().int().min(0).max(3),
  logDue: date,
  stability: z.number().finite(),
  difficulty: z.number().finite(),
  elapsedDays: z.number().int(),
  lastElapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  review: date,
  prevDue: date.nullable(),
  hadState: z.boolean(),
  durationMs: z.number().int().min(0).max(86_400_000),
  source: z.enum(['review', 'quiz', 'cram']),
  shownOrder: z.string().max(100).nullable().optional(),
});
export type BackupReview = z.infer<typeof backupReview>;

export const backupCardState = z.object({
  itemId: id,
  topicId: id,
  kind: z.enum(['card', 'question']),
  due: date,
  stability: z.number().finite(),
  difficulty: z.number().finite(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.number().int().min(0).max(3),
  lastReview: date.nullable(),
  suspended: z.boolean(),
  buriedUntil: date.nullable(),
  resetAt: date.nullable(),
  createdAt: date,
});
export type BackupCardState = z.infer<typeof backupCardState>;

export const backupAttempt = z.object({
  id,
  kind: z.enum(['topic', 'collection', 'interview']),
  sourceId: id.nullable(),
  questionIds: z.string().max(100_000),
  optionOrders: z.string().max(100_000),
  immediateFeedback: z.boolean(),
  startedAt: date,
  deadlineAt: date.nullable(),
  finishedAt: date.nullable(),
  score: z.number().int().nullable(),
  total: z.number().int().min(0),
  passed: z.boolean().nullable(),
  answers: z
    .array(
      z.object({
        questionId: id,
        chosenOption: z.number().int().min(0).max(9),
        correct: z.boolean(),
        answeredAt: date,
        reviewLogId: id.nullable(),
      }),
    )
    .max(1000),
});

export type BackupAttempt = z.infer<typeof backupAttempt>;

export const backupRun = z.object({
  id,
  trigger: z.enum(['manual', 'auto']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().min(0).max(1),
  reviewsUsed: z.number().int().min(0),
  logLossDefault: z.number().nullable(),
  logLossFitted: z.number().nullable(),
  params: z.string().max(10_000).nullable(),
  kept: z.boolean().nullable(),
  message: z.string().max(10_000).nullable(),
  startedAt: date,
  finishedAt: date.nullable(),
});

export type BackupRun = z.infer<typeof backupRun>;

/** The study settings a restore may bring back (only when the learner asks for them). */
export const backupSettings = z.object({
  desiredRetention: z.number().min(0.7).max(0.99),
  newPerDay: z.number().int().min(0).max(9999),
  maxReviewsPerDay: z.number().int().min(0).max(99999),
  learningSteps: z.string().max(500),
  relearningSteps: z.string().max(500),
  timezone: z.string().max(100),
  dayStartHour: z.number().int().min(0).max(23),
  fuzz: z.boolean(),
  maximumInterval: z.number().int().min(1).max(36500),
  fsrsParams: z.string().max(10_000).nullable(),
  targetDate: z.string().max(20).nullable(),
  targetPath: z.string().max(50).nullable(),
  autoOptimize: z.boolean(),
  loadBalance: z.boolean().optional(),
  easyDays: z.string().max(200).optional(),
});

export type BackupSettings = z.infer<typeof backupSettings>;

const header = z.object({
  format: z.string(),
  settings: z.unknown().optional(),
  lessonReads: z.array(z.object({ topicId: id, readAt: date })).max(10_000),
  pathEnrollments: z.array(z.object({ pathId: id, startedAt: date })).max(100),
  cardStates: z.array(z.unknown()).max(200_000),
  reviewLogs: z.array(z.unknown()).max(2_000_000),
  quizAttempts: z.array(z.unknown()).max(100_000),
  optimizerRuns: z.array(z.unknown()).max(10_000),
});

export type BackupHeader = z.infer<typeof header>;

function describe(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0]!;
  const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${where || 'the file'}: ${issue.message}`;
}

/**
 * Reads the file's text far enough to know whose file it is and that its shape is whole;
 * the records themselves are validated in chunks by `validateChunk`.
 */
export function readBackupHeader(text: string): BackupHeader {
  if (Buffer.byteLength(text, 'utf8') > MAX_BACKUP_BYTES) {
    throw new BackupError(`This file is larger than ${MAX_BACKUP_BYTES / 1024 / 1024} MB; a Patternwise backup of 100,000 reviews is about 45 MB.`, 413);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError('This file is not valid JSON: it may be damaged or cut short. Download a fresh backup and try again.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof (json as { format?: unknown }).format !== 'string') {
    throw new BackupError('This is not a Patternwise backup: it has no "format" field. Use the file from Settings > Download my data.');
  }
  const format = (json as { format: string }).format;
  const m = /^patternwise-export\/(\d+)$/.exec(format);
  if (!m) throw new BackupError(`This is not a Patternwise backup (its format is "${format.slice(0, 60)}").`);
  if (Number(m[1]) > 1) {
    throw new BackupError(`This backup was made by a newer version of Patternwise (${format}); this app reads ${BACKUP_FORMAT}. Update the app, then restore it.`, 422);
  }
  const parsed = header.safeParse(json);
  if (!parsed.success) throw new BackupError(`This backup is damaged: ${describe(parsed.error, '')}.`, 422);
  return parsed.data;
}

/** Validates one chunk of a record list; the message names the record (`reviewLogs[120].rating`). */
export function validateChunk<T extends z.ZodType>(schema: T, list: unknown[], offset: number, name: string): z.infer<T>[] {
  return list.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new BackupError(`This backup is damaged: ${describe(parsed.error, `${name}[${offset + i}]`)}.`, 422);
    return parsed.data;
  });
}
