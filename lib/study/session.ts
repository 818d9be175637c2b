import 'server-only';
import type { Db } from '@/lib/db/client';
import type { Library, Topic } from '@/lib/content';
import { getSettingsRow } from '@/lib/db/settings';
import { QUARTER_HOUR_MS, reviewQuarterHoursDesc } from '@/lib/db/progress';
import { countReviews, listLessonReads, queueRows } from '@/lib/db/reviews';
import { addDays, currentStreak, studyDayBounds, studyDayKeyer } from '@/lib/srs/day';
import { buildQueue, LEARN_AHEAD_MS, type Queue } from '@/lib/srs/queue';
import { toStudySettings, type StudySettings } from '@/lib/srs/settings';
import { assignedTopicOrder } from './teams';

/**
 * Topics in the order new cards are introduced: patterns a team assigned to the learner first
 * (`assigned`, soonest due first), then path order, then the rest by read time. Only lessons
 * the learner has read give cards.
 */
export function topicsInStudyOrder(library: Library, reads: { topicId: string; readAt: Date }[], assigned: readonly string[] = []): Topic[] {
  const readAt = new Map(reads.map((r) => [r.topicId, r.readAt.getTime()]));
  const ordered: Topic[] = [];
  const seen = new Set<string>();
  for (const id of assigned) {
    const topic = library.topics.get(id);
    if (topic && readAt.has(id) && !seen.has(id)) {
      ordered.push(topic);
      seen.add(id);
    }
  }
  for (const path of library.paths) {
    for (const stage of path.stages) {
      for (const ref of stage.patterns) {
        const slug = ref.split('#')[0]!;
        const topic = library.topics.get(slug);
        if (topic && readAt.has(slug) && !seen.has(slug)) {
          ordered.push(topic);
          seen.add(slug);
        }
      }
    }
  }
  const rest = [...readAt.entries()]
    .filter(([id]) => !seen.has(id) && library.topics.has(id))
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => library.topics.get(id)!);
  return [...ordered, ...rest];
}

/**
 * A contrast's questions join the new items once every lesson in it is read, right after the
 * last of those lessons' cards (so they come once the cards are learned, mixed among reviews).
 */
export function withContrasts(
  library: Library,
  reads: { topicId: string }[],
  candidates: { itemId: string; topicId: string }[],
): { itemId: string; topicId: string }[] {
  const read = new Set(reads.map((r) => r.topicId));
  const out = [...candidates];
  for (const c of library.contrasts) {
    if (!c.patterns.every((p) => read.has(p))) continue;
    let at = 0;
    out.forEach((x, i) => {
      if (c.patterns.includes(x.topicId)) at = i + 1;
    });
    out.splice(at, 0, ...c.topic.questions.map((q) => ({ itemId: q.id, topicId: c.topic.id })));
  }
  return out;
}

/** Whether a learner may start an item in /review: its lesson is read (a contrast: every lesson in it). */
export function unlocked(library: Library, reads: { topicId: string }[], topicId: string): boolean {
  const read = new Set(reads.map((r) => r.topicId));
  const contrast = library.contrasts.find((c) => c.topic.id === topicId);
  return contrast ? contrast.patterns.every((p) => read.has(p)) : read.has(topicId);
}

export interface StudyToday {
  settings: StudySettings;
  queue: Queue;
  today: string;
  /** Reviews done in /review today (flashcards and due questions). */
  reviewsToday: number;
  /** Questions answered in quizzes today, counted apart from reviews. */
  quizAnswersToday: number;
  newToday: number;
  streak: number;
}

/** Everything the review page and the dashboard need about today (`order: false`: the queue's counts are right, its order is not spread). */
export async function loadStudyToday(database: Db, library: Library, userId: string, now: Date, options: { order?: boolean } = {}): Promise<StudyToday> {
  const settings = toStudySettings(await getSettingsRow(database, userId));
  const { day, start, end } = studyDayBounds(now, settings.day);
  const { reviews, introduced, quizAnswers } = await countReviews(database, userId, start, end);
  const reviewRoom = Math.max(0, settings.maxReviewsPerDay - (reviews - introduced));
  // SQLite selects, orders and limits what may be due today; the queue orders the rest.
  const select = (reviewLimit: number | null) =>
    queueRows(database, userId, { now, learnAheadUntil: new Date(now.getTime() + LEARN_AHEAD_MS), dayEnd: end, reviewLimit });
  let rows = await select(reviewRoom);
  // Rows of items no longer in the library are left out; if they took review slots, take them all.
  if (rows.review.length === reviewRoom && rows.review.some((r) => !library.items.has(r.itemId))) rows = await select(null);
  const started = [...rows.learningAndNew, ...rows.review]
    .filter((row) => library.items.has(row.itemId))
    .map((row) => ({
      itemId: row.itemId,
      topicId: row.topicId,
      card: row.card,
      suspended: false,
      buriedUntil: null,
      tests: library.items.get(row.itemId)?.question?.cards,
    }));
  const reads = await listLessonReads(database, userId);
  const newCandidates = withContrasts(
    library,
    reads,
    topicsInStudyOrder(library, reads, await assignedTopicOrder(database, library, userId)).flatMap((t) =>
      t.cards.map((c) => ({ itemId: c.id, topicId: t.id })),
    ),
  );
  const queue = buildQueue({
    now,
    dayEnd: end,
    started,
    newCandidates,
    newPerDay: settings.newPerDay,
    newDoneToday: introduced,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    reviewsDoneToday: reviews - introduced,
    startedIds: rows.startedIds,
    order: options.order,
  });
  return {
    settings,
    queue,
    today: day,
    reviewsToday: reviews,
    quizAnswersToday: quizAnswers,
    newToday: introduced,
    streak: currentStreak(await streakDays(database, userId, settings, day, end), day),
  };
}

/**
 * The study days with a review, newest first, as far back as a streak ending today (or
 * yesterday) can reach: reading stops at the first day without a review, so a learner's whole
 * history is not read to count a streak of a few days.
 */
async function streakDays(database: Db, userId: string, settings: StudySettings, today: string, dayEnd: Date): Promise<string[]> {
  const dayOf = studyDayKeyer(settings.day);
  const days: string[] = [];
  let expected = today;
  for await (const q of reviewQuarterHoursDesc(database, userId, dayEnd)) {
    const d = dayOf(new Date(q * QUARTER_HOUR_MS));
    if (d === days[days.length - 1]) continue;
    // Today may be empty (the streak is alive until the day ends); any other gap ends it.
    if (d !== expected && !(days.length === 0 && d === addDays(today, -1))) break;
    days.push(d);
    expected = addDays(d, -1);
  }
  return days;
}

