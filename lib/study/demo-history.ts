import 'server-only';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { finishOnboarding } from '@/lib/db/onboarding';
import { enrollInPath, setTarget } from '@/lib/db/progress';
import { quizResults } from '@/lib/db/quiz';
import { listLessonReads, markLessonRead } from '@/lib/db/reviews';
import { reviewLogs } from '@/lib/db/tables';
import { getSettingsRow } from '@/lib/db/settings';
import { first } from '@/lib/db/tx';
import { cardRetrievability } from '@/lib/progress/mastery';
import { pathSteps } from '@/lib/progress/steps';
import { hashSeed, prng } from '@/lib/quiz/shuffle';
import { addDays, dayStartInstant, studyDay } from '@/lib/srs/day';
import { createScheduler, State } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';
import { gradeItem } from './review';
import { answerQuestion, finishQuiz, startQuiz } from './quiz';
import { loadStudyToday } from './session';

/** How far back a fresh demo history starts: 60 study days ending today. */
export const DEMO_HISTORY_DAYS = 60;

export interface DemoHistoryReport {
  days: number;
  reads: number;
  reviews: number;
  quizAttempts: number;
}

/** The first study day the demo history still lacks (the day after the last review, at most 60 days back), or null when it is up to date. */
export async function demoHistoryFrom(database: Db, userId: string, now: Date): Promise<string | null> {
  const dayConfig = toStudySettings(await getSettingsRow(database, userId)).day;
  const today = studyDay(now, dayConfig);
  const last = await first(database
    .select({ review: reviewLogs.review })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), ne(reviewLogs.source, 'cram')))
    .orderBy(desc(reviewLogs.review))
    .limit(1));
  const earliest = addDays(today, -(DEMO_HISTORY_DAYS - 1));
  const day = last ? addDays(studyDay(last.review, dayConfig), 1) : earliest;
  if (day > today) return null;
  return day < earliest ? earliest : day;
}

/**
 * Brings the demo learner's history up to today by studying as a steady learner would, through
 * the app's own code: lessons marked read along the beginner then the intermediate path, each
 * day's queue from loadStudyToday graded with gradeItem (recall drawn from the card's own
 * retrievability, so the FSRS states are real), and the lesson's quiz the day after reading it.
 *
 * Idempotent: it starts the day after the learner's last review (or 60 days ago), so a second
 * run the same day adds nothing, and a run days later continues the same history without
 * touching what anyone did in the demo account meanwhile. Today's session leaves some of the
 * day's due cards for whoever tries the demo.
 */
export async function simulateDemoHistory(database: Db, library: Library, userId: string, now: Date): Promise<DemoHistoryReport> {
  const settings = toStudySettings(await getSettingsRow(database, userId));
  const dayConfig = settings.day;
  const scheduler = createScheduler(settings.scheduler);
  const today = studyDay(now, dayConfig);
  const earliest = addDays(today, -(DEMO_HISTORY_DAYS - 1));
  let day = await demoHistoryFrom(database, userId, now) ?? addDays(today, 1);
  const report: DemoHistoryReport = { days: 0, reads: 0, reviews: 0, quizAttempts: 0 };

  const order = ['beginner', 'intermediate', 'advanced'].flatMap((id) => {
    const path = library.paths.find((p) => p.id === id);
    return path ? pathSteps(path).map((s) => s.slug) : [];
  });
  const readingList = [...new Set(order)].filter((slug) => library.topics.has(slug));

  for (; day <= today; day = addDays(day, 1)) {
    const rand = prng(hashSeed(`demo:${day}`));
    const dayStart = dayStartInstant(day, dayConfig);
    // A session in the morning or the evening of the study day.
    let t = new Date(dayStart.getTime() + (3 + Math.floor(rand() * 12)) * 3_600_000 + Math.floor(rand() * 3_600_000));
    const isToday = day === today;
    if (isToday) {
      const latest = new Date(now.getTime() - 30 * 60_000);
      if (latest <= dayStart) break;
      if (t > latest) t = latest;
    }
    const reads = new Set((await listLessonReads(database, userId)).map((r) => r.topicId));
    if (!isToday && reads.size > 0 && rand() < 0.1) continue; // A day off now and then, as real learners take.
    report.days++;

    // The quiz of yesterday's lesson, before today's reviews.
    const lastRead = [...readingList].reverse().find((slug) => reads.has(slug));
    if (lastRead && !isToday && !(await quizResults(database, userId)).get(lastRead)?.passed && rand() < 0.8) {
      const topic = library.topics.get(lastRead)!;
      if (topic.questions.length > 0) {
        const attempt = await startQuiz(database, library, userId, 'topic', topic.id, t);
        const skill = 0.65 + rand() * 0.3;
        for (const [i, qid] of attempt.questionIds.entries()) {
          const q = library.items.get(qid)!.question!;
          const order = attempt.optionOrders[i]!;
          const right = order.findIndex((o) => q.options[o]?.correct);
          const position = rand() < skill ? right : (right + 1 + Math.floor(rand() * (order.length - 1))) % order.length;
          const durationMs = 15_000 + Math.floor(rand() * 30_000);
          await answerQuestion(database, library, userId, { attemptId: attempt.id, questionId: qid, position, durationMs }, t);
          t = new Date(t.getTime() + durationMs);
          report.reviews++;
        }
        await finishQuiz(database, library, userId, attempt.id, t);
        report.quizAttempts++;
      }
    }

    // A new lesson about every other day (the first day always), read before the reviews so its cards join them.
    const next = readingList.find((slug) => !reads.has(slug));
    if (next && !isToday && (reads.size === 0 || rand() < 0.3)) {
      await markLessonRead(database, userId, next, t);
      t = new Date(t.getTime() + 15 * 60_000);
      report.reads++;
    }

    // Today's queue, as /review serves it; learning steps bring cards back within the session.
    for (let pass = 0; pass < 4; pass++) {
      const items = (await loadStudyToday(database, library, userId, t)).queue.items.slice(0, isToday ? 6 : 80);
      if (items.length === 0) break;
      for (const item of items) {
        const content = library.items.get(item.itemId);
        if (!content) continue;
        const r = rand();
        const recall = item.card && item.card.state === State.Review ? cardRetrievability(scheduler, item.card, t) : item.card ? 0.85 : 0.75;
        const remembered = r < recall;
        const durationMs = 4_000 + Math.floor(rand() * 14_000);
        const id = crypto.randomUUID();
        if (content.kind === 'question') {
          const q = content.question!;
          const right = q.options.findIndex((o) => o.correct);
          const answer = remembered ? right : (right + 1) % q.options.length;
          await gradeItem(database, library, userId, { id, itemId: item.itemId, answer, durationMs }, t);
        } else {
          const extra = rand();
          const rating = !remembered ? 1 : extra < 0.1 ? 2 : extra > 0.92 ? 4 : 3;
          await gradeItem(database, library, userId, { id, itemId: item.itemId, rating, durationMs }, t);
        }
        t = new Date(t.getTime() + durationMs);
        report.reviews++;
      }
      if (isToday) break;
      // Come back after the learning steps (10 minutes), still within the session.
      t = new Date(t.getTime() + 11 * 60_000);
    }
  }

  // The paths it started: beginner at the start, then each later path when its first lesson was read.
  const readAt = new Map((await listLessonReads(database, userId)).map((r) => [r.topicId, r.readAt]));
  await enrollInPath(database, userId, 'beginner', dayStartInstant(earliest, dayConfig));
  let current = 'beginner';
  for (const id of ['intermediate', 'advanced']) {
    const path = library.paths.find((p) => p.id === id);
    const first = path && readAt.get(pathSteps(path)[0]!.slug);
    if (first) {
      await enrollInPath(database, userId, id, first);
      current = id;
    }
  }
  // The interview the demo learner is preparing for: three weeks out on the path being studied, renewed once it has passed.
  const row = await getSettingsRow(database, userId);
  if (!row.targetDate || row.targetDate <= today) await setTarget(database, userId, { date: addDays(today, 21), pathId: current });
  await finishOnboarding(database, userId, 'interview', dayStartInstant(earliest, dayConfig));
  return report;
}
