import 'server-only';
import type { Library, Topic } from '@/lib/content';
import { goingFurther } from '@/lib/content/further';
import { CATEGORIES, CATEGORY_TITLES } from '@/lib/content/schema';
import type { Db } from '@/lib/db/client';
import { listEnrollments, retentionCounts, reviewQuarterHours } from '@/lib/db/progress';
import { quizResults } from '@/lib/db/quiz';
import { listCardStates, listLessonReads, rowToCard } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { mastery } from '@/lib/progress/mastery';
import { expectedRetention, planPace } from '@/lib/progress/plan';
import { cardsByState, forecast, heatmap, longestStreak, perDayFromQuarterHours, retentionRates } from '@/lib/progress/stats';
import { nextStep, pathSteps, stepDone, stepTodo, type TopicFacts } from '@/lib/progress/steps';
import { addDays, currentStreak, studyDayBounds } from '@/lib/srs/day';
import { createScheduler, type Card } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';

/** Everything about one learner's progress through the library, at `now`. */
export async function learnerProgress(database: Db, library: Library, userId: string, now: Date) {
  const settingsRow = await getSettingsRow(database, userId);
  const settings = toStudySettings(settingsRow);
  const scheduler = createScheduler(settings.scheduler);
  const rows = await listCardStates(database, userId);
  const cards = new Map<string, Card>(rows.map((r) => [r.itemId, rowToCard(r)]));
  const reads = new Map((await listLessonReads(database, userId)).map((r) => [r.topicId, r.readAt]));
  const quizzes = await quizResults(database, userId);

  const factsCache = new Map<string, TopicFacts>();
  const facts = (topicId: string): TopicFacts | undefined => {
    const topic = library.topics.get(topicId);
    if (!topic) return undefined;
    let f = factsCache.get(topicId);
    if (!f) {
      const topicCards = topic.cards.map((c) => cards.get(c.id) ?? null);
      f = {
        read: reads.has(topicId),
        hasQuiz: topic.questions.length > 0,
        quizPassed: quizzes.get(topicId)?.passed ?? false,
        cardsTotal: topic.cards.length,
        cardsIntroduced: topicCards.filter((c) => c && c.reps > 0).length,
        mastery: mastery(scheduler, topicCards, now),
      };
      factsCache.set(topicId, f);
    }
    return f;
  };

  const enrollments = (await listEnrollments(database, userId)).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const paths = library.paths.map((path) => {
    const steps = pathSteps(path).map((s) => {
      const topic = library.topics.get(s.slug);
      const f = facts(s.slug)!;
      const prerequisites = (topic?.meta?.prerequisites ?? [])
        .filter((p) => library.topics.has(p))
        .map((p) => ({ slug: p, title: library.topics.get(p)!.title, href: library.topics.get(p)!.href, done: stepDone(facts(p)!) }));
      return {
        ...s,
        title: topic?.title ?? s.slug,
        href: `${topic?.href ?? `/patterns/${s.slug}`}${s.anchor ? `#${s.anchor}` : ''}`,
        facts: f,
        done: stepDone(f),
        todo: stepTodo(f),
        prerequisites,
      };
    });
    const next = nextStep(pathSteps(path), facts);
    // "Going further": the rest of the library at this path's level, with its own progress.
    const further = goingFurther(library, path).map((g) => ({
      ...g,
      steps: g.topics.map((t) => {
        const f = facts(t.id)!;
        return { slug: t.slug, title: t.title, href: t.href, summary: t.summary, facts: f, done: stepDone(f), todo: stepTodo(f) };
      }),
    }));
    const furtherSteps = further.flatMap((g) => g.steps);
    return {
      path,
      steps,
      further,
      furtherDone: furtherSteps.filter((s) => s.done).length,
      furtherTotal: furtherSteps.length,
      done: steps.filter((s) => s.done).length,
      next: next ? steps.find((s) => s.index === next.index)! : null,
      enrolledAt: enrollments.find((e) => e.pathId === path.id)?.startedAt ?? null,
    };
  });

  const categories = CATEGORIES.map((c) => {
    const patterns = library.patterns.filter((p) => p.meta?.category === c);
    return {
      id: c,
      title: CATEGORY_TITLES[c],
      mastery: patterns.length ? patterns.reduce((s, p) => s + facts(p.id)!.mastery, 0) / patterns.length : 0,
      count: patterns.length,
    };
  }).filter((c) => c.count > 0);

  // Continue on the path most recently started, else the target's path, else beginner.
  const current =
    paths.find((p) => p.path.id === enrollments[0]?.pathId) ??
    paths.find((p) => p.path.id === settingsRow.targetPath) ??
    paths.find((p) => p.path.id === 'beginner') ??
    paths[0];

  return { settings, settingsRow, scheduler, cards, rows, reads, quizzes, facts, paths, categories, current };
}

export type LearnerProgress = Awaited<ReturnType<typeof learnerProgress>>;

/** The dashboard's statistics, from the learner's own review log, with the same "today" as the queue. */
export async function dashboardStats(database: Db, library: Library, progress: LearnerProgress, userId: string, now: Date) {
  const day = progress.settings.day;
  const { day: today } = studyDayBounds(now, day);
  const since = new Date(now.getTime() - 370 * 86_400_000);
  // SQLite counts the reviews per quarter hour and the retention: a year of reviews is not
  // read row by row.
  const counts = perDayFromQuarterHours(await reviewQuarterHours(database, userId, since), day);
  const last30 = Array.from({ length: 30 }, (_, i) => {
    const d = addDays(today, i - 29);
    const c = counts.get(d);
    return { day: d, count: c?.count ?? 0, minutes: Math.round((c?.ms ?? 0) / 60_000) };
  });
  const allCards = [...library.items.values()].filter((i) => i.kind === 'card').length;
  return {
    today,
    heatmap: heatmap(counts, today, 365),
    forecast: forecast(progress.rows, today, day, 30),
    retention: retentionRates(await retentionCounts(database, userId, new Date(now.getTime() - 30 * 86_400_000))),
    last30,
    streak: currentStreak(counts.keys(), today),
    longestStreak: longestStreak(counts.keys()),
    byState: cardsByState(
      progress.rows.filter((r) => r.kind === 'card').map((r) => r.state),
      allCards,
    ),
  };
}

/** The interview-date plan: pace needed for the target path, and retention expected on the day. */
export function targetPlan(library: Library, progress: LearnerProgress, newToday: number, now: Date) {
  const row = progress.settingsRow;
  if (!row.targetDate || !row.targetPath) return null;
  const path = progress.paths.find((p) => p.path.id === row.targetPath);
  if (!path) return null;
  const { day: today } = studyDayBounds(now, progress.settings.day);
  const topics = [...new Set(path.steps.map((s) => s.slug))].map((s) => library.topics.get(s)).filter((t): t is Topic => Boolean(t));
  const pathCards = topics.flatMap((t) => t.cards.map((c) => progress.cards.get(c.id) ?? null));
  const remaining = pathCards.filter((c) => !c || c.reps === 0).length;
  const pace = planPace({ today, targetDate: row.targetDate, remaining, newPerDay: progress.settings.newPerDay, newToday });
  const retention = expectedRetention(progress.scheduler, pathCards, {
    today,
    targetDate: row.targetDate,
    newPerDay: progress.settings.newPerDay,
    newToday,
    day: progress.settings.day,
    now,
  });
  const paced = pace.enough
    ? null
    : expectedRetention(progress.scheduler, pathCards, {
        today,
        targetDate: row.targetDate,
        newPerDay: Math.max(progress.settings.newPerDay, pace.neededPerDay),
        newToday,
        day: progress.settings.day,
        now,
      });
  return { path: path.path, targetDate: row.targetDate, totalCards: pathCards.length, remaining, ...pace, retention, retentionAtNeededPace: paced };
}
