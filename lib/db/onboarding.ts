import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { lessonReads, quizAttempts, reviewLogs, users } from './tables';
import { first, transaction } from './tx';

export type Goal = 'pace' | 'interview' | 'team';

export interface Onboarding {
  goal: Goal | null;
  onboardedAt: Date | null;
  /** Anything studied: a lesson read, a review or a quiz attempt. Such an account is never treated as new. */
  hasHistory: boolean;
}

/** The learner's first-run state: a new account is one that has neither finished the first run nor studied. */
export async function onboardingState(database: Db, userId: string): Promise<Onboarding> {
  const row = await first(database.select({ goal: users.goal, onboardedAt: users.onboardedAt }).from(users).where(eq(users.id, userId)));
  const any = async (table: typeof lessonReads | typeof reviewLogs | typeof quizAttempts) =>
    (await first(database.select({ userId: table.userId }).from(table).where(eq(table.userId, userId)).limit(1))) !== undefined;
  return {
    goal: row?.goal ?? null,
    onboardedAt: row?.onboardedAt ?? null,
    hasHistory: (await any(lessonReads)) || (await any(reviewLogs)) || (await any(quizAttempts)),
  };
}

/** True while the dashboard should greet the learner as new and offer the first run. */
export function isFirstTimer(state: Onboarding): boolean {
  return state.onboardedAt === null && !state.hasHistory;
}

/** Records the first run's answer (goal undefined: skipped, an earlier goal is kept). Revisiting it overwrites the goal and keeps the first date. */
export async function finishOnboarding(database: Db, userId: string, goal: Goal | undefined, now: Date): Promise<void> {
  await transaction(database, async (tx) => {
    const row = await first(tx.select({ onboardedAt: users.onboardedAt }).from(users).where(eq(users.id, userId)));
    await tx
      .update(users)
      .set({ ...(goal === undefined ? {} : { goal }), onboardedAt: row?.onboardedAt ?? now })
      .where(eq(users.id, userId));
  });
}
