import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { raw } from '@/lib/db/prepared';
import * as schema from '@/lib/db/schema';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLibrary } from '@/lib/content/load';
import { freshDb } from '@/test/db-fixture';
import { deleteAccount } from '@/lib/db/account';
import { recordReview, rowToCard } from '@/lib/db/reviews';
import { cardStates, lessonReads, teamInvites, teamMembers, teams } from '@/lib/db/tables';
import {
  createAssignment,
  createInvite,
  createTeam,
  deleteAssignment,
  deleteTeam,
  getTeam,
  joinTeam,
  leaveTeam,
  listAssignments,
  listInvites,
  openInvite,
  ownedTeams,
  removeMember,
  revokeInvite,
  setRole,
  setTargetRecall,
  TeamError,
  teamStudies,
  transferOwnership,
} from '@/lib/db/teams';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, gradeCard, Rating } from '@/lib/srs/scheduler';
import { dueDateProblem } from '@/lib/teams/assignments';
import { CONSENT_VERSION } from '@/lib/teams/consent';
import { predictedRecall } from '@/lib/teams/recall';
import { reportCsv } from '@/lib/teams/report';
import { loadStudyToday } from './session';
import { dashboardAssignments, loadTeamView } from './teams';
import { learnerProgress } from './progress';
import type { Db } from '@/lib/db/client';

const { library } = readLibrary(path.resolve('content'));
const NOW = new Date('2026-03-02T10:00:00Z');

let ctx: Awaited<ReturnType<typeof freshDb>>;
let owner: string, admin: string, member: string, other: string, outsider: string;
let teamId: string;

/** Every row of every table of the app, to show that a refusal changed nothing. */
async function snapshot(db: Db): Promise<string> {
  const out: [string, unknown[]][] = [];
  for (const table of Object.values(schema).filter((t) => is(t, SQLiteTable))) {
    const name = getTableName(table as SQLiteTable);
    out.push([name, await raw(db).all(`select * from "${name}" order by rowid`)]);
  }
  return JSON.stringify(out);
}

async function expectRefusal(fn: () => unknown, status: number, message?: RegExp) {
  const before = await snapshot(ctx.db);
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a TeamError').toBeInstanceOf(TeamError);
  expect((error as TeamError).status).toBe(status);
  if (message) expect((error as TeamError).message).toMatch(message);
  expect(await snapshot(ctx.db), 'a refusal changed the database').toBe(before);
}

async function join(userId: string) {
  const { token } = await createInvite(ctx.db, owner, teamId, { days: 7, maxUses: null }, NOW);
  await joinTeam(ctx.db, userId, token, CONSENT_VERSION, NOW);
}

/** Reads a lesson and reviews each of its flashcards once (Good). */
async function study(userId: string, topicId: string, at: Date) {
  const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
  await ctx.db.insert(lessonReads).values({ userId, topicId, readAt: at });
  for (const card of library.topics.get(topicId)!.cards) {
    await recordReview(ctx.db, {
      userId,
      itemId: card.id,
      topicId,
      kind: 'card',
      logId: crypto.randomUUID(),
      now: at,
      durationMs: 1000,
      source: 'review',
      schedule: (previous) => gradeCard(scheduler, previous, at, Rating.Good),
    });
  }
}

beforeEach(async () => {
  ctx = await freshDb();
  owner = await ctx.learner('owner@example.com');
  admin = await ctx.learner('admin@example.com');
  member = await ctx.learner('member@example.com');
  other = await ctx.learner('other@example.com');
  outsider = await ctx.learner('outsider@example.com');
  teamId = (await createTeam(ctx.db, owner, { name: 'Platform', description: null, consentVersion: CONSENT_VERSION }, NOW)).id;
  await join(admin);
  await join(member);
  await join(other);
  await setRole(ctx.db, owner, teamId, admin, 'admin');
  await createAssignment(ctx.db, owner, teamId, { kind: 'path', pathId: 'beginner', selection: null, dueDate: '2026-03-16', required: true, memberIds: null }, NOW);
});
afterEach(() => ctx.cleanup());

describe('role × route access matrix', () => {
  // Each route or action of the team pages, through the lib function behind it.
  type Who = 'owner' | 'admin' | 'member' | 'outsider';
  const ids = () => ({ owner, admin, member, outsider }) as Record<Who, string>;
  const routes: { route: string; call: (actor: string) => unknown; allowed: Who[] }[] = [
    { route: 'GET /teams/[id]', call: (a) => loadTeamView(ctx.db, library, a, teamId, NOW), allowed: ['owner', 'admin', 'member'] },
    { route: 'GET /api/teams/[id]/report', call: async (a) => reportCsv((await loadTeamView(ctx.db, library, a, teamId, NOW)).report), allowed: ['owner', 'admin', 'member'] },
    { route: 'invites (list)', call: (a) => listInvites(ctx.db, a, teamId), allowed: ['owner', 'admin'] },
    { route: 'createInviteAction', call: (a) => createInvite(ctx.db, a, teamId, { days: 7, maxUses: null }, NOW), allowed: ['owner', 'admin'] },
    {
      route: 'createAssignmentAction',
      call: (a) => createAssignment(ctx.db, a, teamId, { kind: 'patterns', pathId: null, selection: ['timeout'], dueDate: '2026-04-01', required: false, memberIds: null }, NOW),
      allowed: ['owner', 'admin'],
    },
    { route: 'setTargetRecallAction', call: (a) => setTargetRecall(ctx.db, a, teamId, 0.85), allowed: ['owner', 'admin'] },
    { route: 'removeMemberAction (a member)', call: (a) => removeMember(ctx.db, a, teamId, other), allowed: ['owner', 'admin'] },
    { route: 'setRoleAction', call: (a) => setRole(ctx.db, a, teamId, other, 'admin'), allowed: ['owner'] },
    { route: 'transferOwnershipAction', call: (a) => transferOwnership(ctx.db, a, teamId, other), allowed: ['owner'] },
    { route: 'deleteTeamAction', call: (a) => deleteTeam(ctx.db, a, teamId), allowed: ['owner'] },
    { route: 'leaveTeamAction', call: (a) => leaveTeam(ctx.db, a, teamId), allowed: ['admin', 'member'] },
  ];
  for (const r of routes) {
    for (const who of ['owner', 'admin', 'member', 'outsider'] as Who[]) {
      const ok = r.allowed.includes(who);
      it(`${r.route}: ${who} ${ok ? 'may' : 'may not'}`, async () => {
        const actor = ids()[who];
        if (ok) await r.call(actor);
        // Outsiders are told the team does not exist; the owner cannot leave (409); others lack the role (403).
        else await expectRefusal(() => r.call(actor), who === 'outsider' ? 404 : r.route === 'leaveTeamAction' ? 409 : 403);
      });
    }
  }

  it('a member reads only their own row; admins read every row but only assigned content', async () => {
    await study(member, 'choosing-patterns', NOW);
    await study(other, 'timeout', NOW);
    await study(other, 'saga', NOW); // not assigned
    const asMember = await loadTeamView(ctx.db, library, member, teamId, NOW);
    expect(asMember.report.rows.map((r) => r.userId)).toEqual([member]);
    expect(asMember.members.map((m) => m.userId)).toEqual([member]);
    expect(asMember.report.forgotten.every((f) => f.userId === member)).toBe(true);
    expect(reportCsv(asMember.report).trim().split('\n')).toHaveLength(2);
    const asAdmin = await loadTeamView(ctx.db, library, admin, teamId, NOW);
    expect(asAdmin.report.rows).toHaveLength(4);
    expect(reportCsv(asAdmin.report).trim().split('\n')).toHaveLength(5);
    // Nothing of saga, which is not assigned, is loaded at all.
    const topics = [...new Set(asAdmin.report.patterns.map((p) => p.topicId))];
    expect(topics).not.toContain('saga');
    const studies = await teamStudies(ctx.db, admin, teamId, topics, asAdmin.report.patterns.flatMap((p) => library.topics.get(p.topicId)!.cards.map((c) => c.id)));
    expect(studies.get(other)!.cardRows.every((r) => r.topicId !== 'saga')).toBe(true);
    expect(studies.get(other)!.reads.map((r) => r.topicId)).toEqual(['timeout']);
    // Averages for members are the team's, not theirs alone.
    expect(asMember.report.averages).toEqual(asAdmin.report.averages);
  });
});

describe('invites', () => {
  it('stores only a hash of the secret and opens with the full token only', async () => {
    const { invite, token } = await createInvite(ctx.db, owner, teamId, { days: 7, maxUses: 2 }, NOW);
    const secret = token.split('.')[1]!;
    expect(JSON.stringify(await ctx.db.select().from(teamInvites))).not.toContain(secret);
    expect((await openInvite(ctx.db, token, NOW)).team.id).toBe(teamId);
    expect(invite.expiresAt.getTime() - NOW.getTime()).toBe(7 * 86_400_000);
    await expectRefusal(() => openInvite(ctx.db, `${invite.id}.${'A'.repeat(43)}`, NOW), 404);
    await expectRefusal(() => openInvite(ctx.db, 'junk', NOW), 404);
  });

  it('refuses expired, revoked and used-up invites with a clear 410, changing nothing', async () => {
    const a = await createInvite(ctx.db, owner, teamId, { days: 1, maxUses: null }, NOW);
    await expectRefusal(() => joinTeam(ctx.db, outsider, a.token, CONSENT_VERSION, new Date(NOW.getTime() + 2 * 86_400_000)), 410, /expired/);
    const b = await createInvite(ctx.db, owner, teamId, { days: 7, maxUses: null }, NOW);
    await revokeInvite(ctx.db, owner, teamId, b.invite.id, NOW);
    await expectRefusal(() => joinTeam(ctx.db, outsider, b.token, CONSENT_VERSION, NOW), 410, /revoked/);
    const c = await createInvite(ctx.db, owner, teamId, { days: 7, maxUses: 1 }, NOW);
    await joinTeam(ctx.db, outsider, c.token, CONSENT_VERSION, NOW);
    const late = await ctx.learner('late@example.com');
    await expectRefusal(() => joinTeam(ctx.db, late, c.token, CONSENT_VERSION, NOW), 410, /used/);
    const d = await createInvite(ctx.db, owner, teamId, { days: 7, maxUses: null }, NOW);
    await expectRefusal(() => joinTeam(ctx.db, outsider, d.token, CONSENT_VERSION, NOW), 409, /already/);
  });

  it('records the consent version and time, and who joined through which invite', async () => {
    const { invite, token } = await createInvite(ctx.db, admin, teamId, { days: 7, maxUses: null }, NOW);
    const at = new Date(NOW.getTime() + 86_400_000);
    await joinTeam(ctx.db, outsider, token, CONSENT_VERSION, at);
    const row = (await ctx.db.select().from(teamMembers)).find((m) => m.userId === outsider)!;
    expect(row).toMatchObject({ role: 'member', consentVersion: CONSENT_VERSION, consentedAt: at, inviteId: invite.id });
    const listed = (await listInvites(ctx.db, owner, teamId)).find((i) => i.id === invite.id)!;
    expect(listed.uses).toBe(1);
    expect(listed.joined.map((j) => j.userId)).toEqual([outsider]);
  });

  it('a foreign team’s invite cannot be revoked through this team', async () => {
    const foreign = (await createTeam(ctx.db, outsider, { name: 'Other', description: null, consentVersion: CONSENT_VERSION }, NOW)).id;
    const { invite } = await createInvite(ctx.db, outsider, foreign, { days: 7, maxUses: null }, NOW);
    await expectRefusal(() => revokeInvite(ctx.db, owner, teamId, invite.id, NOW), 404);
    await expectRefusal(() => revokeInvite(ctx.db, owner, foreign, invite.id, NOW), 404);
  });
});

describe('assignments and bad input', () => {
  it('refuses a past due date, members from another team and a foreign team id, changing nothing', async () => {
    expect(dueDateProblem('2026-03-01', '2026-03-02')).toMatch(/after today/);
    expect(dueDateProblem('2026-03-02', '2026-03-02')).toMatch(/after today/);
    expect(dueDateProblem('2026-02-30', '2026-03-02')).toMatch(/YYYY-MM-DD/);
    expect(dueDateProblem('2026-03-03', '2026-03-02')).toBeNull();
    await expectRefusal(
      () => createAssignment(ctx.db, owner, teamId, { kind: 'path', pathId: 'beginner', selection: null, dueDate: '2026-04-01', required: true, memberIds: [outsider] }, NOW),
      400,
    );
    const foreign = (await createTeam(ctx.db, outsider, { name: 'Other', description: null, consentVersion: CONSENT_VERSION }, NOW)).id;
    await expectRefusal(() => createAssignment(ctx.db, owner, foreign, { kind: 'path', pathId: 'beginner', selection: null, dueDate: '2026-04-01', required: true, memberIds: null }, NOW), 404);
    await expectRefusal(() => loadTeamView(ctx.db, library, owner, foreign, NOW), 404);
    await expectRefusal(() => getTeam(ctx.db, owner, crypto.randomUUID()), 404);
    const mine = (await listAssignments(ctx.db, owner, teamId))[0]!;
    await expectRefusal(() => deleteAssignment(ctx.db, outsider, foreign, mine.id), 404);
  });

  it('chosen-member assignments reach only those members', async () => {
    await createAssignment(ctx.db, owner, teamId, { kind: 'patterns', pathId: null, selection: ['saga'], dueDate: '2026-04-01', required: false, memberIds: [other] }, NOW);
    expect(await listAssignments(ctx.db, member, teamId)).toHaveLength(1);
    expect(await listAssignments(ctx.db, other, teamId)).toHaveLength(2);
    expect(await listAssignments(ctx.db, admin, teamId)).toHaveLength(2);
  });
});

describe('the report', () => {
  it('shows predicted recall above 0 for what a member studied and 0 for the rest, now and on the due date', async () => {
    await study(member, 'choosing-patterns', NOW);
    const view = await loadTeamView(ctx.db, library, owner, teamId, new Date(NOW.getTime() + 3_600_000));
    const row = view.report.rows.find((r) => r.userId === member)!;
    const studied = row.recall.find((c) => c.topicId === 'choosing-patterns')!;
    expect(studied.now).toBeGreaterThan(0);
    expect(studied.due).toBeGreaterThan(0);
    expect(studied.due!).toBeLessThan(studied.now!);
    expect(row.recall.filter((c) => c.topicId !== 'choosing-patterns').every((c) => c.now === 0 && c.due === 0)).toBe(true);
    // The same figure as the pure function gives from the member's own states and parameters.
    const cards = new Map((await ctx.db.select().from(cardStates)).filter((r) => r.userId === member).map((r) => [r.itemId, rowToCard(r)]));
    const ids = library.topics.get('choosing-patterns')!.cards.map((c) => c.id);
    const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    expect(studied.now).toBeCloseTo(predictedRecall(scheduler, ids, cards, new Date(NOW.getTime() + 3_600_000)), 10);
    expect(row.assignments[0]).toMatchObject({ lessonsRead: 1, stepsDone: 0 });
    expect(row.assignments[0]!.cardsLearned).toBe(library.topics.get('choosing-patterns')!.cards.length);
    // Everything unstudied is on the "will have forgotten" list; the studied pattern is too if under the target.
    const forgotten = view.report.forgotten.filter((f) => f.userId === member).map((f) => f.topicId);
    expect(forgotten).toContain('timeout');
    expect(view.report.patterns.find((p) => p.topicId === 'timeout')!.meanRecallNow).toBe(0);
  });

  it('puts assigned patterns’ cards first among new cards', async () => {
    await ctx.db.insert(lessonReads).values({ userId: member, topicId: 'saga', readAt: new Date(NOW.getTime() - 1000) });
    await ctx.db.insert(lessonReads).values({ userId: member, topicId: 'timeout', readAt: NOW });
    await createAssignment(ctx.db, owner, teamId, { kind: 'patterns', pathId: null, selection: ['saga'], dueDate: '2026-03-10', required: true, memberIds: [member] }, NOW);
    const queue = (await loadStudyToday(ctx.db, library, member, NOW)).queue;
    const firstNew = queue.items.find((i) => i.card === null)!;
    expect(firstNew.topicId).toBe('saga');
    // Without the assignment, timeout (beginner path order) would come first.
    await ctx.db.delete(teams);
    expect((await loadStudyToday(ctx.db, library, member, NOW)).queue.items.find((i) => i.card === null)!.topicId).toBe('timeout');
  });

  it('gives the dashboard days left, steps done, the pace needed and the next step', async () => {
    const progress = await learnerProgress(ctx.db, library, member, NOW);
    const [a] = await dashboardAssignments(ctx.db, library, member, progress, 0, NOW);
    expect(a).toMatchObject({ teamName: 'Platform', title: 'Beginner path', dueDate: '2026-03-16', daysLeft: 14, stepsDone: 0 });
    expect(a!.neededPerDay).toBe(Math.ceil(a!.cardsRemaining / 14));
    expect(a!.next).toMatchObject({ title: library.topics.get('choosing-patterns')!.title, todo: 'read', href: '/patterns/choosing-patterns' });
  });
});

describe('membership', () => {
  it('removing a member or leaving ends the team’s access and keeps the member’s history', async () => {
    await study(member, 'choosing-patterns', NOW);
    const before = (await ctx.db.select().from(cardStates)).filter((r) => r.userId === member).length;
    await removeMember(ctx.db, admin, teamId, member);
    await expectRefusal(() => loadTeamView(ctx.db, library, member, teamId, NOW), 404);
    expect((await loadTeamView(ctx.db, library, owner, teamId, NOW)).report.rows.some((r) => r.userId === member)).toBe(false);
    expect((await ctx.db.select().from(cardStates)).filter((r) => r.userId === member)).toHaveLength(before);
    await leaveTeam(ctx.db, other, teamId);
    await expectRefusal(() => getTeam(ctx.db, other, teamId), 404);
  });

  it('admins cannot remove admins or the owner; the owner hands the team on before leaving', async () => {
    await join(outsider);
    await setRole(ctx.db, owner, teamId, outsider, 'admin');
    await expectRefusal(() => removeMember(ctx.db, admin, teamId, outsider), 403);
    await expectRefusal(() => removeMember(ctx.db, admin, teamId, owner), 403);
    await expectRefusal(() => leaveTeam(ctx.db, owner, teamId), 409, /hand it on/);
    await transferOwnership(ctx.db, owner, teamId, member);
    expect((await getTeam(ctx.db, member, teamId)).role).toBe('owner');
    expect((await getTeam(ctx.db, owner, teamId)).role).toBe('admin');
    await leaveTeam(ctx.db, owner, teamId);
  });

  it('an owner’s account waits for the team to be handed on; a member’s deletion leaves the team whole', async () => {
    expect((await ownedTeams(ctx.db, owner)).map((t) => t.id)).toEqual([teamId]);
    expect(await ownedTeams(ctx.db, member)).toEqual([]);
    await deleteAccount(ctx.db, member);
    expect((await getTeam(ctx.db, owner, teamId)).members.map((m) => m.userId)).not.toContain(member);
    await deleteTeam(ctx.db, owner, teamId);
    expect(await ownedTeams(ctx.db, owner)).toEqual([]);
    expect(await ctx.db.select().from(teamInvites)).toEqual([]);
  });
});
