import 'server-only';
import { z } from 'zod';
import type { Library, Topic } from '@/lib/content';
import { CATEGORIES, CATEGORY_TITLES } from '@/lib/content/schema';
import type { Db } from '@/lib/db/client';
import { cramLogPoints } from '@/lib/db/progress';
import { listCardStates, recordCramAnswer, rowToCard } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { isCorrect, ratingForAnswer } from '@/lib/quiz/grade';
import { cramLog, cramOrder } from '@/lib/srs/cram';
import { studyDayKeyer } from '@/lib/srs/day';
import { createScheduler, type Grade } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';
import { BadGradeError, type GradeInput, UnknownItemError } from './review';

const slug = z.string().regex(/^((laws|pillars)\/)?[a-z0-9]+(-[a-z0-9]+)*$/);
const many = (v: unknown) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter(Boolean));

/** What to cram: one path, one category, or a set of patterns (from the page's search params). */
export const cramScope = z
  .object({
    path: slug.optional(),
    category: z.enum(CATEGORIES, { error: 'Choose a category from the list.' }).optional(),
    patterns: z.preprocess(many, z.array(slug).min(1, 'Choose at least one pattern.').max(200).optional()),
  })
  .refine((s) => [s.path, s.category, s.patterns].filter((x) => x !== undefined).length === 1, {
    message: 'Choose one path, one category, or some patterns.',
  });
export type CramScope = z.infer<typeof cramScope>;

export class UnknownScopeError extends Error {}

/** The scope's topics and a title for it. */
export function cramTopics(library: Library, scope: CramScope): { title: string; topics: Topic[] } {
  if (scope.path) {
    const path = library.paths.find((p) => p.id === scope.path);
    if (!path) throw new UnknownScopeError('There is no such path.');
    const slugs = [...new Set(path.stages.flatMap((s) => s.patterns.map((r) => r.split('#')[0]!)))];
    return { title: `${path.title} path`, topics: slugs.map((s) => library.topics.get(s)).filter((t): t is Topic => Boolean(t)) };
  }
  if (scope.category) {
    return { title: CATEGORY_TITLES[scope.category], topics: library.patterns.filter((p) => p.meta?.category === scope.category) };
  }
  const topics = [...new Set(scope.patterns)].map((s) => library.topics.get(s)).filter((t): t is Topic => Boolean(t));
  if (!topics.length) throw new UnknownScopeError('None of those patterns exist.');
  return { title: topics.length === 1 ? topics[0]!.title : `${topics.length} patterns`, topics };
}

/**
 * A cram session over every flashcard and question of the scope's patterns (suspended ones
 * left out), weakest first. Reads only: cramming never changes the schedule.
 */
export async function cramSession(database: Db, library: Library, userId: string, scope: CramScope, now: Date) {
  const { title, topics } = cramTopics(library, scope);
  const settings = toStudySettings(await getSettingsRow(database, userId));
  const scheduler = createScheduler(settings.scheduler);
  const rows = new Map((await listCardStates(database, userId)).map((r) => [r.itemId, r]));
  const candidates = topics.flatMap((t) =>
    [...t.cards.map((c) => ({ itemId: c.id, tests: [] as string[] })), ...t.questions.map((q) => ({ itemId: q.id, tests: q.cards }))]
      .filter((i) => !rows.get(i.itemId)?.suspended)
      .map((i) => {
        const row = rows.get(i.itemId);
        return { itemId: i.itemId, topicId: t.id, tests: i.tests, card: row ? rowToCard(row) : null };
      }),
  );
  return { title, items: cramOrder(scheduler, candidates, now) };
}

/** Records a cram answer: a log row with source `cram`; no card state is created or changed. */
export async function cramItem(database: Db, library: Library, userId: string, input: GradeInput, now: Date) {
  const item = library.items.get(input.itemId);
  if (!item) throw new UnknownItemError('There is no card or question with that id.');
  let rating: Grade;
  let correct: boolean | null = null;
  if (item.kind === 'question') {
    const q = item.question!;
    if (input.answer === undefined) throw new BadGradeError('Answer a quiz question by choosing an option (answer), not with a rating.');
    if (input.answer >= q.options.length) throw new BadGradeError(`answer must be an option index from 0 to ${q.options.length - 1}.`);
    correct = isCorrect({ id: q.id, options: q.options.map((o) => ({ correct: Boolean(o.correct) })) }, input.answer);
    rating = ratingForAnswer(correct);
  } else {
    if (input.rating === undefined) throw new BadGradeError('Grade a flashcard with a rating from 1 (Again) to 4 (Easy).');
    rating = input.rating as Grade;
  }
  const log = await recordCramAnswer(database, {
    userId,
    logId: input.id,
    itemId: input.itemId,
    now,
    durationMs: input.durationMs,
    log: (current) => cramLog(current, now, rating),
  });
  return { log, correct };
}

/** Cram practice in the last `days` days, per study day, newest first: shown apart from reviews. */
export async function cramHistory(database: Db, userId: string, now: Date, days = 30) {
  const day = toStudySettings(await getSettingsRow(database, userId)).day;
  const byDay = new Map<string, { answers: number; recalled: number; items: Set<string> }>();
  const dayOf = studyDayKeyer(day);
  for (const p of await cramLogPoints(database, userId, new Date(now.getTime() - days * 86_400_000))) {
    const key = dayOf(p.review);
    const d = byDay.get(key) ?? { answers: 0, recalled: 0, items: new Set<string>() };
    d.answers += 1;
    if (p.rating > 1) d.recalled += 1;
    d.items.add(p.itemId);
    byDay.set(key, d);
  }
  const rows = [...byDay]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([d, v]) => ({ day: d, answers: v.answers, recalled: v.recalled, items: v.items.size }));
  return { rows, answers: rows.reduce((s, r) => s + r.answers, 0), recalled: rows.reduce((s, r) => s + r.recalled, 0) };
}
