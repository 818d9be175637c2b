import { eq, inArray } from 'drizzle-orm';
import type { Db } from './client';
import { cardStates, lessonReads, optimizerRuns, pathEnrollments, quizAnswers, quizAttempts, reviewLogs, userSettings, users } from './tables';
import { first } from './tx';

/** Everything stored about one learner, and nothing about anyone else (no password hash). */
export async function exportUserData(database: Db, userId: string) {
  const user = await first(database
    .select({ email: users.email, name: users.name, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId)));
  const attempts = await database.select().from(quizAttempts).where(eq(quizAttempts.userId, userId));
  const answers = attempts.length
    ? await database
        .select()
        .from(quizAnswers)
        .where(
          inArray(
            quizAnswers.attemptId,
            attempts.map((a) => a.id),
          ),
        )
    : [];
  const strip = <T extends { userId: string }>(rows: T[]) => rows.map(({ userId: _omit, ...rest }) => rest);
  return {
    format: 'patternwise-export/1',
    user,
    settings: strip(await database.select().from(userSettings).where(eq(userSettings.userId, userId)))[0] ?? null,
    lessonReads: strip(await database.select().from(lessonReads).where(eq(lessonReads.userId, userId))),
    pathEnrollments: strip(await database.select().from(pathEnrollments).where(eq(pathEnrollments.userId, userId))),
    cardStates: strip(await database.select().from(cardStates).where(eq(cardStates.userId, userId))),
    reviewLogs: strip(await database.select().from(reviewLogs).where(eq(reviewLogs.userId, userId))),
    quizAttempts: strip(attempts).map((a) => ({ ...a, answers: answers.filter((x) => x.attemptId === a.id) })),
    optimizerRuns: strip(await database.select().from(optimizerRuns).where(eq(optimizerRuns.userId, userId))),
  };
}
