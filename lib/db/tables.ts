import { sql } from 'drizzle-orm';
import * as sqlite from './schema';
import * as postgres from './schema.pg';
import { processEngine } from './engine';

/**
 * The tables the query code uses: SQLite's or PostgreSQL's, as this process's engine is
 * (docs/decisions/018). Both schemas have the same tables, columns and JS types (the lockstep
 * test checks it), so the query code is written once, typed against the SQLite schema.
 */
const chosen = (processEngine() === 'postgres' ? postgres : sqlite) as unknown as typeof sqlite;

export const {
  users,
  userSettings,
  cardStates,
  reviewLogs,
  lessonReads,
  quizAttempts,
  quizAnswers,
  pathEnrollments,
  optimizerRuns,
  restoreJobs,
  revokedSessions,
  rateLimits,
  teams,
  teamInvites,
  teamMembers,
  teamAssignments,
  teamAssignmentMembers,
} = chosen;

export type { User, UserSettingsRow, CardStateRow, ReviewLogRow, QuizAttemptRow, QuizAnswerRow, OptimizerRunRow, RestoreJobRow, TeamRow, TeamInviteRow, TeamMemberRow, TeamAssignmentRow } from './schema';

/** Insertion order, the tie-breaker of equal times: SQLite's rowid; on PostgreSQL ctid, where ties keep no particular order. */
export const insertionOrder = sql.raw(processEngine() === 'postgres' ? 'ctid' : 'rowid');
