import 'server-only';
import type { Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { rowToCard } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import { getTeam, listAssignments, myAssignments, teamAssignmentsForReport, teamStudies, type Assignment } from '@/lib/db/teams';
import { planPace } from '@/lib/progress/plan';
import { stepDone, stepTodo } from '@/lib/progress/steps';
import { studyDayBounds } from '@/lib/srs/day';
import { createScheduler, type Card } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';
import { assignedTopics, assignmentTitle } from '@/lib/teams/assignments';
import { reportFor, teamReport, type AssignmentSpec, type MemberStudy } from '@/lib/teams/report';
import type { LearnerProgress } from './progress';
import { continueHref } from './step-link';

function spec(library: Library, a: Assignment, everyone: string[]): AssignmentSpec {
  return {
    id: a.id,
    title: assignmentTitle(library, a),
    dueDate: a.dueDate,
    required: a.required,
    topics: assignedTopics(library, a),
    memberIds: new Set(a.memberIds ?? everyone),
  };
}

/**
 * The team page's data for the acting learner: the team, its assignments and the report, as
 * their role may read it (owners and admins: every member's row; members: their own row and
 * the team's averages). Throws TeamError 404 for anyone outside the team.
 */
export async function loadTeamView(database: Db, library: Library, actorId: string, teamId: string, now: Date) {
  const { team, role, members } = await getTeam(database, actorId, teamId);
  const assignments = await listAssignments(database, actorId, teamId);
  // Everyone's assignments feed the averages; a member's list above is only theirs.
  const allAssignments = role === 'member' ? await teamAssignmentsForReport(database, actorId, teamId) : assignments;
  const topics = allAssignments.flatMap((a) => assignedTopics(library, a));
  const studies = await teamStudies(database, actorId, teamId, [...new Set(topics.map((t) => t.id))], [...new Set(topics.flatMap((t) => t.cardIds))]);
  // A member's list holds only themselves; the other rows are dropped by reportFor below.
  const names = new Map(members.map((m) => [m.userId, { name: m.name, role: m.role }]));
  const everyone = [...studies.keys()];
  const memberStudies: MemberStudy[] = [];
  for (const [userId, s] of studies.entries()) {
    const settings = toStudySettings(await getSettingsRow(database, userId));
    const cards = new Map<string, Card>(s.cardRows.map((r) => [r.itemId, rowToCard(r)]));
    const cardReviews = new Map<string, { passed: number; total: number }>();
    for (const r of s.cardReviews) {
      const topicId = library.items.get(r.itemId)?.topic.id;
      if (!topicId) continue;
      const e = cardReviews.get(topicId) ?? { passed: 0, total: 0 };
      e.total += 1;
      if (r.rating > 1) e.passed += 1;
      cardReviews.set(topicId, e);
    }
    const quizAnswers = new Map<string, { correct: number; total: number }>();
    for (const a of s.quizAnswers) {
      const e = quizAnswers.get(a.topicId) ?? { correct: 0, total: 0 };
      e.total += 1;
      if (a.correct) e.correct += 1;
      quizAnswers.set(a.topicId, e);
    }
    const times = [...s.cardReviews.map((r) => r.review), ...s.reads.map((r) => r.readAt), ...s.quizAnswers.map((a) => a.answeredAt)].map((d) => d.getTime());
    memberStudies.push({
      userId,
      name: names.get(userId)?.name ?? 'Member',
      role: names.get(userId)?.role ?? 'member',
      scheduler: createScheduler(settings.scheduler),
      day: settings.day,
      cards,
      reads: new Set(s.reads.map((r) => r.topicId)),
      quizPassed: new Set(s.quizPassed),
      lastActive: times.length ? new Date(Math.max(...times)) : null,
      cardReviews,
      quizAnswers,
    });
  }
  const report = teamReport({
    now,
    today: (m) => studyDayBounds(now, m.day).day,
    target: team.targetRecall,
    assignments: allAssignments.map((a) => spec(library, a, everyone)),
    members: memberStudies,
  });
  return {
    team,
    role,
    members,
    assignments: assignments.map((a) => ({ ...a, title: assignmentTitle(library, a), topics: assignedTopics(library, a) })),
    report: reportFor(report, role, actorId),
  };
}

export type TeamView = Awaited<ReturnType<typeof loadTeamView>>;

export interface DashboardAssignment {
  id: string;
  teamId: string;
  teamName: string;
  title: string;
  dueDate: string;
  required: boolean;
  daysLeft: number;
  stepsDone: number;
  steps: number;
  cardsRemaining: number;
  neededPerDay: number;
  enough: boolean;
  next: { title: string; href: string; todo: 'read' | 'quiz' | 'cards' | 'done' } | null;
}

/**
 * The learner's assignments for the dashboard: days left, steps done, and the new-card pace
 * needed to have every assigned card introduced before the due date (the interview planner's
 * `planPace`), with the next assigned step for Continue.
 */
export async function dashboardAssignments(database: Db, library: Library, userId: string, progress: LearnerProgress, newToday: number, now: Date): Promise<DashboardAssignment[]> {
  const { day: today } = studyDayBounds(now, progress.settings.day);
  return (await myAssignments(database, userId)).map((a) => {
    const topics = assignedTopics(library, a);
    const facts = topics.map((t) => ({ t, f: progress.facts(t.id)! }));
    const remaining = topics.reduce((s, t) => s + t.cardIds.filter((id) => (progress.cards.get(id)?.reps ?? 0) === 0).length, 0);
    const pace = planPace({ today, targetDate: a.dueDate, remaining, newPerDay: progress.settings.newPerDay, newToday });
    const next = facts.find(({ f }) => !stepDone(f));
    return {
      id: a.id,
      teamId: a.teamId,
      teamName: a.teamName,
      title: assignmentTitle(library, a),
      dueDate: a.dueDate,
      required: a.required,
      daysLeft: pace.daysLeft,
      stepsDone: facts.filter(({ f }) => stepDone(f)).length,
      steps: topics.length,
      cardsRemaining: remaining,
      neededPerDay: pace.neededPerDay,
      enough: pace.enough,
      next: next ? { title: next.t.title, todo: stepTodo(next.f), href: continueHref({ href: next.t.href, todo: stepTodo(next.f), slug: next.t.id }) } : null,
    };
  });
}

/** Topic ids assigned to the learner, soonest due first: their cards come first among new cards. */
export async function assignedTopicOrder(database: Db, library: Library, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const a of await myAssignments(database, userId)) for (const t of assignedTopics(library, a)) if (!ids.includes(t.id)) ids.push(t.id);
  return ids;
}
