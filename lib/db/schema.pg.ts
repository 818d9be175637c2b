import { sql } from 'drizzle-orm';
import { bigint, customType, doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL twin of lib/db/schema.ts: the same tables, columns, keys, indexes and
 * defaults, with the same export names. Change both files together (and generate both
 * migration sets); lib/db/schema-lockstep.test.ts fails when they differ.
 *
 * One data representation on both engines, so raw SQL stays portable:
 * - times are epoch milliseconds in `bigint` columns, read and written as JS `Date` (epochMs);
 * - booleans are `integer` 0/1 columns, read and written as JS boolean (bool01), so raw SQL
 *   such as `suspended = 0` means the same on both;
 * - JSON stays text; enums are text typed with the same union.
 * Plain bigint columns and raw `int8` results come back as JS numbers only after
 * configurePgTypes() (lib/db/pg-types.ts) has run.
 */

/** Epoch milliseconds in a bigint column, mapped to a JS Date (SQLite: integer mode timestamp_ms). */
export const epochMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  // int8 arrives as a string unless configurePgTypes() has run; Number() takes either.
  fromDriver: (value) => new Date(Number(value)),
});

/**
 * A boolean stored as integer 0/1 (SQLite: integer mode boolean). Its defaults are written
 * sql`1` / sql`0`: drizzle-kit writes a JS `true` default as `DEFAULT true`, which an integer
 * column refuses.
 */
export const bool01 = customType<{ data: boolean; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Number(value) !== 0,
});

/** SQLite's `(unixepoch() * 1000)`: now, in epoch milliseconds. */
const NOW_MS = sql`(extract(epoch from now()) * 1000)::bigint`;

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  passwordHash: text('password_hash').notNull(),
  /** Every session token carries the version it was issued under; bumping it ends them all. */
  sessionVersion: integer('session_version').notNull().default(0),
  /** The first run's answer: study at my pace, prepare for an interview, or join a team (null: skipped or not asked). */
  goal: text('goal', { enum: ['pace', 'interview', 'team'] }),
  /** When the learner finished or skipped the first run; null sends a new account's dashboard to it. Migration 0011 sets it for accounts that existed before. */
  onboardedAt: epochMs('onboarded_at'),
  createdAt: epochMs('created_at').notNull().default(NOW_MS),
});

export const userSettings = pgTable('user_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  desiredRetention: doublePrecision('desired_retention').notNull().default(0.9),
  newPerDay: integer('new_per_day').notNull().default(20),
  maxReviewsPerDay: integer('max_reviews_per_day').notNull().default(200),
  /** JSON array of ts-fsrs step units, e.g. ["1m","10m"]. */
  learningSteps: text('learning_steps').notNull().default('["1m","10m"]'),
  relearningSteps: text('relearning_steps').notNull().default('["10m"]'),
  timezone: text('timezone').notNull().default('UTC'),
  /** default: never set; detected: from the browser; user: chosen in settings. */
  timezoneSource: text('timezone_source', { enum: ['default', 'detected', 'user'] }).notNull().default('default'),
  dayStartHour: integer('day_start_hour').notNull().default(4),
  fuzz: bool01('fuzz').notNull().default(sql`1`),
  maximumInterval: integer('maximum_interval').notNull().default(36500),
  /** Choose each review's day within the fuzz range by the learner's load (needs fuzz). */
  loadBalance: bool01('load_balance').notNull().default(sql`1`),
  /** JSON array of 7 load fractions, Sunday first: 1 a normal day, 0.5 half, 0 none (easy days). */
  easyDays: text('easy_days').notNull().default('[1,1,1,1,1,1,1]'),
  /** JSON array of the 21 FSRS-6 weights, or null for the defaults. */
  fsrsParams: text('fsrs_params'),
  /** A date to be ready by (an interview, an onboarding deadline), YYYY-MM-DD, and the path to finish. */
  targetDate: text('target_date'),
  /** Re-fit the FSRS parameters by itself after every 1,000 new reviews, or monthly. */
  autoOptimize: bool01('auto_optimize').notNull().default(sql`1`),
  /** Reviews (not cram) since the learner's last optimizer run started: the O(1) auto-optimize check. */
  reviewsSinceOptimize: integer('reviews_since_optimize').notNull().default(0),
  targetPath: text('target_path'),
  updatedAt: epochMs('updated_at').notNull().default(NOW_MS),
});

export const cardStates = pgTable(
  'card_states',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    topicId: text('topic_id').notNull(),
    kind: text('kind', { enum: ['card', 'question'] }).notNull(),
    due: epochMs('due').notNull(),
    stability: doublePrecision('stability').notNull(),
    difficulty: doublePrecision('difficulty').notNull(),
    elapsedDays: integer('elapsed_days').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
    state: integer('state').notNull(),
    lastReview: epochMs('last_review'),
    suspended: bool01('suspended').notNull().default(sql`0`),
    buriedUntil: epochMs('buried_until'),
    /** When the learner last reset the card to new: rescheduling replays only the reviews after it. */
    resetAt: epochMs('reset_at'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.itemId] }),
    index('card_states_user_due').on(t.userId, t.due),
    // Covers the load each grade balances against (review cards, not suspended, by due) and the
    // queue's due reviews in due order, without reading the rows.
    index('card_states_user_state_due').on(t.userId, t.state, t.suspended, t.due),
  ],
);

export const reviewLogs = pgTable(
  'review_logs',
  {
    /** Generated by the client, so a retried submit is recognised and changes nothing. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
    rating: integer('rating').notNull(),
    /** The ts-fsrs review log: the card's state before this review ... */
    state: integer('state').notNull(),
    /** ... and ts-fsrs's `due` field (the previous last review, or due for a new card). */
    logDue: epochMs('log_due').notNull(),
    stability: doublePrecision('stability').notNull(),
    difficulty: doublePrecision('difficulty').notNull(),
    elapsedDays: integer('elapsed_days').notNull(),
    lastElapsedDays: integer('last_elapsed_days').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    review: epochMs('review').notNull(),
    /** The card's due time before the review: ts-fsrs rollback cannot recover it. */
    prevDue: epochMs('prev_due'),
    /** False when this review created the card's state row (undo deletes it again). */
    hadState: bool01('had_state').notNull(),
    durationMs: integer('duration_ms').notNull().default(0),
    /** cram: practice that changed no card state; kept out of the optimizer, limits and retention. */
    source: text('source', { enum: ['review', 'quiz', 'cram'] }).notNull().default('review'),
    /** Quiz questions: the options' content indices in the order they were shown (JSON), so the next showing can differ. */
    shownOrder: text('shown_order'),
  },
  (t) => [index('review_logs_user_review').on(t.userId, t.review), index('review_logs_user_item').on(t.userId, t.itemId)],
);

export const lessonReads = pgTable(
  'lesson_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id').notNull(),
    readAt: epochMs('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] })],
);

export type User = typeof users.$inferSelect;
export type UserSettingsRow = typeof userSettings.$inferSelect;
export type CardStateRow = typeof cardStates.$inferSelect;
export type ReviewLogRow = typeof reviewLogs.$inferSelect;

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** topic: one pattern's (law's, pillar's) quiz; collection: a cross-pattern quiz; interview: timed mock. */
    kind: text('kind', { enum: ['topic', 'collection', 'interview'] }).notNull(),
    /** The topic id (kind topic) or quiz id (kind collection); null for interviews. */
    sourceId: text('source_id'),
    /** JSON: the attempt's question item ids, in the order shown. */
    questionIds: text('question_ids').notNull(),
    /** JSON: for each question, the original option indices in the order shown. */
    optionOrders: text('option_orders').notNull(),
    /** Whether each answer shows its feedback at once (false for interviews). */
    immediateFeedback: bool01('immediate_feedback').notNull(),
    startedAt: epochMs('started_at').notNull(),
    /** Interviews: answers after this instant are refused and the attempt submits itself. */
    deadlineAt: epochMs('deadline_at'),
    finishedAt: epochMs('finished_at'),
    score: integer('score'),
    total: integer('total').notNull(),
    passed: bool01('passed'),
  },
  (t) => [index('quiz_attempts_user_started').on(t.userId, t.startedAt), index('quiz_attempts_user_source').on(t.userId, t.sourceId)],
);

export const quizAnswers = pgTable(
  'quiz_answers',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => quizAttempts.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    /** The chosen option's index in the content file (not the shuffled position). */
    chosenOption: integer('chosen_option').notNull(),
    correct: bool01('correct').notNull(),
    answeredAt: epochMs('answered_at').notNull(),
    /** The FSRS review this answer recorded. */
    reviewLogId: text('review_log_id'),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export type QuizAttemptRow = typeof quizAttempts.$inferSelect;
export type QuizAnswerRow = typeof quizAnswers.$inferSelect;

export const pathEnrollments = pgTable(
  'path_enrollments',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    pathId: text('path_id').notNull(),
    startedAt: epochMs('started_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.pathId] })],
);

export const optimizerRuns = pgTable(
  'optimizer_runs',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['manual', 'auto'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    /** 0-1 while running. */
    progress: doublePrecision('progress').notNull().default(0),
    reviewsUsed: integer('reviews_used').notNull().default(0),
    logLossDefault: doublePrecision('log_loss_default'),
    logLossFitted: doublePrecision('log_loss_fitted'),
    /** JSON array of the 21 fitted weights. */
    params: text('params'),
    /** Whether the fitted weights were better and are now the learner's. */
    kept: bool01('kept'),
    message: text('message'),
    startedAt: epochMs('started_at').notNull(),
    finishedAt: epochMs('finished_at'),
  },
  (t) => [index('optimizer_runs_user_started').on(t.userId, t.startedAt)],
);
export type OptimizerRunRow = typeof optimizerRuns.$inferSelect;

/** A restore from a backup file, run in the background: its progress and what it added and skipped. */
export const restoreJobs = pgTable(
  'restore_jobs',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    /** 0-1. */
    progress: doublePrecision('progress').notNull().default(0),
    /** JSON: the RestoreReport once done. */
    result: text('result'),
    message: text('message'),
    startedAt: epochMs('started_at').notNull(),
    finishedAt: epochMs('finished_at'),
  },
  (t) => [index('restore_jobs_user_started').on(t.userId, t.startedAt)],
);
export type RestoreJobRow = typeof restoreJobs.$inferSelect;

/** Sessions ended by signing out: a copied cookie with one of these ids no longer counts. */
export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sid: text('sid').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** When the token would have expired anyway: rows after it can be deleted. */
    expiresAt: epochMs('expires_at').notNull(),
  },
  (t) => [index('revoked_sessions_expires').on(t.expiresAt)],
);

/**
 * rate-limiter-flexible's store. RateLimiterPostgres (with `tableCreated: true`) inserts
 * `VALUES (key, points, expire)` without naming the columns, so their order matters; it reads
 * and writes `points` as integer and `expire` as epoch ms (bigint, null: never expires).
 * The library's own DDL would make `key` varchar(255); text holds the same keys.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

/**
 * Teams (issue 16). A team has no `user_id` column of its own: who owns it is a member row
 * with role `owner`, so deleting an account never deletes a team behind its members' backs
 * (the account deletion refuses while the learner owns one).
 */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  /** Predicted recall under this on the due date puts a pattern on the "will have forgotten" list. */
  targetRecall: doublePrecision('target_recall').notNull().default(0.8),
  createdAt: epochMs('created_at').notNull(),
});
export type TeamRow = typeof teams.$inferSelect;

/** An invite link: the token's secret is stored only as its SHA-256 hash. */
export const teamInvites = pgTable(
  'team_invites',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    /** null: any number of people may join through it until it expires. */
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    revokedAt: epochMs('revoked_at'),
  },
  (t) => [index('team_invites_team').on(t.teamId)],
);
export type TeamInviteRow = typeof teamInvites.$inferSelect;

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'member'] }).notNull(),
    /** The version of the consent text the learner accepted (lib/teams/consent.ts), and when. */
    consentVersion: text('consent_version').notNull(),
    consentedAt: epochMs('consented_at').notNull(),
    /** The invite they joined through (null for the team's creator). */
    inviteId: text('invite_id').references(() => teamInvites.id, { onDelete: 'set null' }),
    joinedAt: epochMs('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user').on(t.userId)],
);
export type TeamMemberRow = typeof teamMembers.$inferSelect;

/** What a team is asked to learn: a path, some of its stages, or chosen patterns, by a date. */
export const teamAssignments = pgTable(
  'team_assignments',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['path', 'stages', 'patterns'] }).notNull(),
    pathId: text('path_id'),
    /** JSON: stage indices (kind stages) or topic ids (kind patterns). */
    selection: text('selection'),
    /** YYYY-MM-DD, in each member's own study day. */
    dueDate: text('due_date').notNull(),
    required: bool01('required').notNull().default(sql`1`),
    /** false: only the members listed in team_assignment_members. */
    everyone: bool01('everyone').notNull().default(sql`1`),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('team_assignments_team').on(t.teamId)],
);
export type TeamAssignmentRow = typeof teamAssignments.$inferSelect;

export const teamAssignmentMembers = pgTable(
  'team_assignment_members',
  {
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => teamAssignments.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId] })],
);
