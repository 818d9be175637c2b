import { eq, inArray } from 'drizzle-orm';
import type { Db } from './client';
import { cardStates, lessonReads, optimizerRuns, pathEnrollments, quizAnswers, quizAttempts, reviewLogs, userSettings, users } from './schema';

/** Everything stored about one learner, and nothing about anyone else (no password hash). */
export function exportUserData(database: Db, userId: string) {
  const user = database
    .select({ email: users.email, name: users.name, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  const attempts = database.select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).all();
  const answers = attempts.length
    ? database
        .select()
        .from(quizAnswers)
        .where(
          inArray(
            quizAnswers.attemptId,
            attempts.map((a) => a.id),
          ),
        )
        .all()
    : [];
  const strip = <T extends { userId: string }>(rows: T[]) => rows.map(({ userId: _omit, ...rest }) => rest);
  return {
    format: 'patternwise-export/1',
    user,
    settings: strip(database.select().from(userSettings).where(eq(userSettings.userId, userId)).all())[0] ?? null,
    lessonReads: strip(database.select().from(lessonReads).where(eq(lessonReads.userId, userId)).all()),
    pathEnrollments: strip(database.select().from(pathEnrollments).where(eq(pathEnrollments.userId, userId)).all()),
    cardStates: strip(database.select().from(cardStates).where(eq(cardStates.userId, userId)).all()),
    reviewLogs: strip(database.select().from(reviewLogs).where(eq(reviewLogs.userId, userId)).all()),
    quizAttempts: strip(attempts).map((a) => ({ ...a, answers: answers.filter((x) => x.attemptId === a.id) })),
    optimizerRuns: strip(database.select().from(optimizerRuns).where(eq(optimizerRuns.userId, userId)).all()),
  };
}
