import type { FSRS } from 'ts-fsrs';
import type { DayConfig } from '@/lib/srs/day';
import { dayStartInstant } from '@/lib/srs/day';
import type { Card } from '@/lib/srs/scheduler';
import { visibleRows, type TeamRole } from './access';
import { recallNowAndDue } from './recall';

/** A pattern as an assignment asks for it. */
export interface AssignedTopic {
  id: string;
  title: string;
  href: string;
  cardIds: string[];
  hasQuiz: boolean;
}

export interface AssignmentSpec {
  id: string;
  title: string;
  dueDate: string;
  required: boolean;
  topics: AssignedTopic[];
  /** The members it applies to. */
  memberIds: ReadonlySet<string>;
}

/** One member's study of the assigned content, and only of it (the rest is never loaded). */
export interface MemberStudy {
  userId: string;
  name: string;
  role: TeamRole;
  scheduler: FSRS;
  day: DayConfig;
  cards: ReadonlyMap<string, Card>;
  reads: ReadonlySet<string>;
  quizPassed: ReadonlySet<string>;
  /** The latest review, read or quiz answer on assigned content. */
  lastActive: Date | null;
  /** Flashcard reviews (not quiz, not cram) per topic: passed = anything but Again. */
  cardReviews: ReadonlyMap<string, { passed: number; total: number }>;
  /** Quiz answers per topic. */
  quizAnswers: ReadonlyMap<string, { correct: number; total: number }>;
}

/** Calibration is judged only with this many flashcard reviews and quiz answers. */
export const CALIBRATION_MIN = 5;
/** Self-grading this far above quiz accuracy is flagged. */
export const CALIBRATION_GAP = 0.2;

export interface Calibration {
  cardPassRate: number | null;
  quizAccuracy: number | null;
  cardReviews: number;
  quizAnswers: number;
  gap: number | null;
  flagged: boolean;
}

export function calibration(cardReviews: { passed: number; total: number }, quiz: { correct: number; total: number }): Calibration {
  const cardPassRate = cardReviews.total ? cardReviews.passed / cardReviews.total : null;
  const quizAccuracy = quiz.total ? quiz.correct / quiz.total : null;
  const enough = cardReviews.total >= CALIBRATION_MIN && quiz.total >= CALIBRATION_MIN;
  const gap = cardPassRate !== null && quizAccuracy !== null ? cardPassRate - quizAccuracy : null;
  return { cardPassRate, quizAccuracy, cardReviews: cardReviews.total, quizAnswers: quiz.total, gap, flagged: enough && gap !== null && gap >= CALIBRATION_GAP };
}

export interface AssignmentProgress {
  assignmentId: string;
  title: string;
  dueDate: string;
  required: boolean;
  topics: number;
  lessonsRead: number;
  quizzes: number;
  quizzesPassed: number;
  cardsTotal: number;
  cardsLearned: number;
  stepsDone: number;
  /** Steps not done by a due date that has passed. */
  overdue: number;
}

export interface RecallCell {
  topicId: string;
  /** null: the pattern is not assigned to this member. */
  now: number | null;
  due: number | null;
  dueDate: string | null;
}

export interface MemberRow {
  userId: string;
  name: string;
  role: TeamRole;
  lastActive: Date | null;
  assignments: AssignmentProgress[];
  recall: RecallCell[];
  calibration: Calibration;
  overdue: number;
}

export interface PatternSummary {
  topicId: string;
  title: string;
  href: string;
  meanRecallNow: number | null;
  meanRecallDue: number | null;
  quizAccuracy: number | null;
  quizAnswers: number;
}

export interface TeamReport {
  target: number;
  patterns: PatternSummary[];
  rows: MemberRow[];
  forgotten: { userId: string; name: string; topicId: string; title: string; dueDate: string; due: number }[];
  averages: { recallNow: number | null; recallDue: number | null; stepsDone: number; stepsTotal: number };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function topicDone(m: MemberStudy, t: AssignedTopic): boolean {
  return m.reads.has(t.id) && (!t.hasQuiz || m.quizPassed.has(t.id)) && t.cardIds.every((id) => (m.cards.get(id)?.reps ?? 0) > 0);
}

/**
 * The team report at `now`: progress per member and assignment, predicted recall per member
 * and assigned pattern (now and on the earliest due date that assigns it to them), the
 * "will have forgotten" list under `target`, per-pattern team means and calibration.
 */
export function teamReport(input: { now: Date; today: (m: MemberStudy) => string; target: number; assignments: AssignmentSpec[]; members: MemberStudy[] }): TeamReport {
  const { now, target, assignments, members } = input;
  const topics = new Map<string, AssignedTopic>();
  for (const a of assignments) for (const t of a.topics) if (!topics.has(t.id)) topics.set(t.id, t);

  const rows: MemberRow[] = members.map((m) => {
    const mine = assignments.filter((a) => a.memberIds.has(m.userId));
    const today = input.today(m);
    const progress = mine.map((a): AssignmentProgress => {
      const done = a.topics.filter((t) => topicDone(m, t)).length;
      return {
        assignmentId: a.id,
        title: a.title,
        dueDate: a.dueDate,
        required: a.required,
        topics: a.topics.length,
        lessonsRead: a.topics.filter((t) => m.reads.has(t.id)).length,
        quizzes: a.topics.filter((t) => t.hasQuiz).length,
        quizzesPassed: a.topics.filter((t) => t.hasQuiz && m.quizPassed.has(t.id)).length,
        cardsTotal: a.topics.reduce((s, t) => s + t.cardIds.length, 0),
        cardsLearned: a.topics.reduce((s, t) => s + t.cardIds.filter((id) => (m.cards.get(id)?.reps ?? 0) > 0).length, 0),
        stepsDone: done,
        overdue: a.dueDate < today ? a.topics.length - done : 0,
      };
    });
    // Each pattern is judged against the earliest due date that assigns it to this member.
    const dueOf = new Map<string, string>();
    for (const a of mine) for (const t of a.topics) if (!dueOf.has(t.id) || a.dueDate < dueOf.get(t.id)!) dueOf.set(t.id, a.dueDate);
    const recall = [...topics.values()].map((t): RecallCell => {
      const dueDate = dueOf.get(t.id);
      if (!dueDate) return { topicId: t.id, now: null, due: null, dueDate: null };
      const r = recallNowAndDue(m.scheduler, t.cardIds, m.cards, now, dayStartInstant(dueDate, m.day));
      return { topicId: t.id, now: r.now, due: r.due, dueDate };
    });
    const sum = <K extends string>(map: ReadonlyMap<string, Record<K, number>>, keys: K[]) => {
      const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
      for (const id of dueOf.keys()) {
        const v = map.get(id);
        if (v) for (const k of keys) out[k] += v[k];
      }
      return out;
    };
    return {
      userId: m.userId,
      name: m.name,
      role: m.role,
      lastActive: m.lastActive,
      assignments: progress,
      recall,
      calibration: calibration(sum(m.cardReviews, ['passed', 'total']), sum(m.quizAnswers, ['correct', 'total'])),
      overdue: progress.reduce((s, p) => s + p.overdue, 0),
    };
  });

  const patterns: PatternSummary[] = [...topics.values()].map((t) => {
    const cells = rows.map((r) => r.recall.find((c) => c.topicId === t.id)!).filter((c) => c.now !== null);
    const quiz = members.reduce(
      (acc, m) => {
        const q = m.quizAnswers.get(t.id);
        return q ? { correct: acc.correct + q.correct, total: acc.total + q.total } : acc;
      },
      { correct: 0, total: 0 },
    );
    return {
      topicId: t.id,
      title: t.title,
      href: t.href,
      meanRecallNow: mean(cells.map((c) => c.now!)),
      meanRecallDue: mean(cells.map((c) => c.due!)),
      quizAccuracy: quiz.total ? quiz.correct / quiz.total : null,
      quizAnswers: quiz.total,
    };
  });

  const forgotten = rows
    .flatMap((r) =>
      r.recall
        .filter((c) => c.due !== null && c.due < target)
        .map((c) => ({ userId: r.userId, name: r.name, topicId: c.topicId, title: topics.get(c.topicId)!.title, dueDate: c.dueDate!, due: c.due! })),
    )
    .sort((a, b) => a.due - b.due || a.name.localeCompare(b.name));

  const cells = rows.flatMap((r) => r.recall.filter((c) => c.now !== null));
  return {
    target,
    patterns,
    rows,
    forgotten,
    averages: {
      recallNow: mean(cells.map((c) => c.now!)),
      recallDue: mean(cells.map((c) => c.due!)),
      stepsDone: rows.reduce((s, r) => s + r.assignments.reduce((x, a) => x + a.stepsDone, 0), 0),
      stepsTotal: rows.reduce((s, r) => s + r.assignments.reduce((x, a) => x + a.topics, 0), 0),
    },
  };
}

/** The report as a viewer may read it: members keep the team's averages and their own row only. */
export function reportFor(report: TeamReport, role: TeamRole, viewerId: string): TeamReport {
  return { ...report, rows: visibleRows(role, viewerId, report.rows), forgotten: visibleRows(role, viewerId, report.forgotten) };
}

const cell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** The report as CSV: one row per member the viewer may read, a recall column pair per assigned pattern. */
export function reportCsv(report: TeamReport): string {
  const head = [
    'member',
    'role',
    'last_active',
    'steps_done',
    'steps_total',
    'lessons_read',
    'quizzes_passed',
    'cards_learned',
    'cards_total',
    'overdue_steps',
    ...report.patterns.flatMap((p) => [`recall_now:${p.topicId}`, `recall_due:${p.topicId}`]),
    'card_pass_rate',
    'quiz_accuracy',
    'calibration_flag',
  ];
  const lines = report.rows.map((r) => {
    const total = (k: keyof AssignmentProgress) => r.assignments.reduce((s, a) => s + (a[k] as number), 0);
    return [
      r.name,
      r.role,
      r.lastActive ? r.lastActive.toISOString() : null,
      total('stepsDone'),
      total('topics'),
      total('lessonsRead'),
      total('quizzesPassed'),
      total('cardsLearned'),
      total('cardsTotal'),
      r.overdue,
      ...report.patterns.flatMap((p) => {
        const c = r.recall.find((x) => x.topicId === p.topicId);
        return [pct(c?.now ?? null), pct(c?.due ?? null)];
      }),
      pct(r.calibration.cardPassRate),
      pct(r.calibration.quizAccuracy),
      r.calibration.flagged ? 'self-grading above quiz accuracy' : '',
    ]
      .map(cell)
      .join(',');
  });
  return [head.map(cell).join(','), ...lines].join('\n') + '\n';
}
