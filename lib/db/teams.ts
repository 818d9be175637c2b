import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { can, canRemove, type TeamAction, type TeamRole } from '@/lib/teams/access';
import { hashSecret, inviteProblem, INVITE_PROBLEM_TEXT, newInviteSecret, parseInviteToken, secretMatches } from '@/lib/teams/invite';
import type { Db } from './client';
import {
  cardStates,
  lessonReads,
  quizAnswers,
  quizAttempts,
  reviewLogs,
  teamAssignmentMembers,
  teamAssignments,
  teamInvites,
  teamMembers,
  teams,
  users,
  type TeamAssignmentRow,
  type TeamInviteRow,
  type TeamRow,
} from './tables';
import { first, transaction } from './tx';

/**
 * Team queries. Every one takes the acting learner and checks their role here, next to the
 * SQL, through lib/teams/access.ts: a page or action that forgets a check still cannot read
 * or change what the role does not allow. A non-member is told the team does not exist (404).
 */
export class TeamError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 410,
  ) {
    super(message);
  }
}

const NO_TEAM = 'There is no such team, or you are not in it.';

export async function roleIn(database: Db, teamId: string, userId: string): Promise<TeamRole | null> {
  const row = await first(database
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))));
  return row?.role ?? null;
}

/** The acting learner's role, if it allows `action`; otherwise 404 for outsiders and 403 for members. */
export async function requireTeamRole(database: Db, teamId: string, actorId: string, action: TeamAction): Promise<TeamRole> {
  const role = await roleIn(database, teamId, actorId);
  if (role === null) throw new TeamError(NO_TEAM, 404);
  if (!can(role, action)) throw new TeamError('Your role in this team does not allow that.', 403);
  return role;
}

export async function createTeam(database: Db, actorId: string, input: { name: string; description: string | null; consentVersion: string }, now: Date): Promise<TeamRow> {
  return transaction(database, async (tx) => {
    const team = (await tx.insert(teams).values({ id: crypto.randomUUID(), name: input.name, description: input.description, createdAt: now }).returning())[0]!;
    await tx.insert(teamMembers)
      .values({ teamId: team.id, userId: actorId, role: 'owner', consentVersion: input.consentVersion, consentedAt: now, inviteId: null, joinedAt: now });
    return team;
  });
}

export interface MyTeam {
  team: TeamRow;
  role: TeamRole;
  members: number;
}

export async function listMyTeams(database: Db, userId: string): Promise<MyTeam[]> {
  const rows = await database
    .select({ team: teams, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId));
  const out: MyTeam[] = [];
  for (const r of rows) out.push({ ...r, members: await memberCount(database, r.team.id) });
  return out.sort((a, b) => a.team.name.localeCompare(b.team.name));
}

/** The teams the learner owns: account deletion waits until each is handed on or deleted. */
export async function ownedTeams(database: Db, userId: string): Promise<TeamRow[]> {
  return (await listMyTeams(database, userId))
    .filter((t) => t.role === 'owner')
    .map((t) => t.team);
}

export interface TeamMemberInfo {
  userId: string;
  name: string;
  email: string;
  role: TeamRole;
  joinedAt: Date;
  consentVersion: string;
  consentedAt: Date;
  inviteId: string | null;
}

/** The team and the actor's role; the member list only for those who may see everyone's rows. */
export async function getTeam(database: Db, actorId: string, teamId: string): Promise<{ team: TeamRow; role: TeamRole; members: TeamMemberInfo[] }> {
  const role = await requireTeamRole(database, teamId, actorId, 'view-team');
  const team = (await first(database.select().from(teams).where(eq(teams.id, teamId))))!;
  const all = (
    await database
    .select({
      userId: teamMembers.userId,
      name: users.name,
      email: users.email,
      role: teamMembers.role,
      joinedAt: teamMembers.joinedAt,
      consentVersion: teamMembers.consentVersion,
      consentedAt: teamMembers.consentedAt,
      inviteId: teamMembers.inviteId,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, teamId))
  ).map((m) => ({ ...m, name: m.name || m.email.split('@')[0]! }));
  const order = { owner: 0, admin: 1, member: 2 } as const;
  all.sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
  const members = can(role, 'view-all-rows') ? all : all.filter((m) => m.userId === actorId);
  return { team, role, members };
}

export async function memberCount(database: Db, teamId: string): Promise<number> {
  return Number((await first(database.select({ n: sql<number>`count(*)` }).from(teamMembers).where(eq(teamMembers.teamId, teamId))))?.n ?? 0);
}

// Invites

export async function createInvite(database: Db, actorId: string, teamId: string, input: { days: number; maxUses: number | null }, now: Date): Promise<{ invite: TeamInviteRow; token: string }> {
  await requireTeamRole(database, teamId, actorId, 'manage-invites');
  const secret = newInviteSecret();
  const invite = await transaction(database, async (tx) => (await tx
    .insert(teamInvites)
    .values({
      id: crypto.randomUUID(),
      teamId,
      tokenHash: hashSecret(secret),
      createdBy: actorId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.days * 86_400_000),
      maxUses: input.maxUses,
    })
    .returning())[0]!);
  return { invite, token: `${invite.id}.${secret}` };
}

export interface InviteInfo extends TeamInviteRow {
  joined: { userId: string; name: string }[];
}

export async function listInvites(database: Db, actorId: string, teamId: string): Promise<InviteInfo[]> {
  await requireTeamRole(database, teamId, actorId, 'manage-invites');
  const invites = await database.select().from(teamInvites).where(eq(teamInvites.teamId, teamId));
  const joined = await database
    .select({ inviteId: teamMembers.inviteId, userId: teamMembers.userId, name: users.name, email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), isNotNull(teamMembers.inviteId)));
  return invites
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((i) => ({ ...i, joined: joined.filter((j) => j.inviteId === i.id).map((j) => ({ userId: j.userId, name: j.name || j.email.split('@')[0]! })) }));
}

export async function revokeInvite(database: Db, actorId: string, teamId: string, inviteId: string, now: Date): Promise<void> {
  await requireTeamRole(database, teamId, actorId, 'manage-invites');
  const invite = await first(database.select().from(teamInvites).where(and(eq(teamInvites.id, inviteId), eq(teamInvites.teamId, teamId))));
  if (!invite) throw new TeamError('There is no such invite in this team.', 404);
  if (invite.revokedAt) return;
  await transaction(database, (tx) => tx.update(teamInvites).set({ revokedAt: now }).where(eq(teamInvites.id, inviteId)));
}

/**
 * The invite a token opens, checked in constant time against the stored hash, with its team.
 * Unknown and malformed tokens are 404; revoked, expired and used-up ones 410, with the reason.
 */
export async function openInvite(database: Db, token: string, now: Date): Promise<{ invite: TeamInviteRow; team: TeamRow }> {
  const parsed = parseInviteToken(token);
  const invite = parsed ? await first(database.select().from(teamInvites).where(eq(teamInvites.id, parsed.inviteId))) : undefined;
  if (!parsed || !invite || !secretMatches(parsed.secret, invite.tokenHash)) throw new TeamError(INVITE_PROBLEM_TEXT.unknown, 404);
  const problem = inviteProblem(invite, now);
  if (problem) throw new TeamError(INVITE_PROBLEM_TEXT[problem], 410);
  const team = (await first(database.select().from(teams).where(eq(teams.id, invite.teamId))))!;
  return { invite, team };
}

/** Joins through an invite, recording the consent the learner gave; the invite is re-checked in the same transaction. */
export async function joinTeam(database: Db, userId: string, token: string, consentVersion: string, now: Date): Promise<TeamRow> {
  return transaction(database, async (tx) => {
    const { invite, team } = await openInvite(tx, token, now);
    if (await roleIn(tx, team.id, userId)) throw new TeamError('You are already in this team.', 409);
    await tx.insert(teamMembers).values({ teamId: team.id, userId, role: 'member', consentVersion, consentedAt: now, inviteId: invite.id, joinedAt: now });
    await tx.update(teamInvites)
      .set({ uses: sql`${teamInvites.uses} + 1` })
      .where(eq(teamInvites.id, invite.id));
    return team;
  });
}

// Membership

export async function leaveTeam(database: Db, userId: string, teamId: string): Promise<void> {
  const role = await roleIn(database, teamId, userId);
  if (role === null) throw new TeamError(NO_TEAM, 404);
  if (!can(role, 'leave')) throw new TeamError('You own this team: hand it on to another member or delete it before leaving.', 409);
  await removeMembership(database, teamId, userId);
}

/** Removes the team's access: the membership and the member's place in chosen-member assignments. Their own study is untouched. */
async function removeMembership(database: Db, teamId: string, userId: string): Promise<void> {
  await transaction(database, async (tx) => {
    const ids = (await tx.select({ id: teamAssignments.id }).from(teamAssignments).where(eq(teamAssignments.teamId, teamId))).map((a) => a.id);
    if (ids.length) await tx.delete(teamAssignmentMembers).where(and(eq(teamAssignmentMembers.userId, userId), inArray(teamAssignmentMembers.assignmentId, ids)));
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  });
}

export async function removeMember(database: Db, actorId: string, teamId: string, memberId: string): Promise<void> {
  const actor = await requireTeamRole(database, teamId, actorId, 'remove-member');
  const target = await roleIn(database, teamId, memberId);
  if (target === null) throw new TeamError('That learner is not in this team.', 404);
  if (memberId === actorId) throw new TeamError('To leave the team yourself, use Leave team.', 400);
  if (!canRemove(actor, target)) throw new TeamError(target === 'owner' ? 'The owner cannot be removed.' : 'Only the owner can remove an admin.', 403);
  await removeMembership(database, teamId, memberId);
}

export async function setRole(database: Db, actorId: string, teamId: string, memberId: string, role: 'admin' | 'member'): Promise<void> {
  await requireTeamRole(database, teamId, actorId, 'set-role');
  const target = await roleIn(database, teamId, memberId);
  if (target === null) throw new TeamError('That learner is not in this team.', 404);
  if (target === 'owner') throw new TeamError('The owner’s role changes only by handing the team on.', 400);
  await transaction(database, (tx) => tx.update(teamMembers).set({ role }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, memberId))));
}

/** The new owner must already be a member; the old owner stays on as an admin. */
export async function transferOwnership(database: Db, actorId: string, teamId: string, memberId: string): Promise<void> {
  await requireTeamRole(database, teamId, actorId, 'transfer-ownership');
  if (memberId === actorId) throw new TeamError('You already own this team.', 400);
  if (await roleIn(database, teamId, memberId) === null) throw new TeamError('That learner is not in this team.', 404);
  await transaction(database, async (tx) => {
    await tx.update(teamMembers).set({ role: 'admin' }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, actorId)));
    await tx.update(teamMembers).set({ role: 'owner' }).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, memberId)));
  });
}

/** Deletes the team, its invites and assignments (cascade); the members' own study stays. */
export async function deleteTeam(database: Db, actorId: string, teamId: string): Promise<void> {
  await requireTeamRole(database, teamId, actorId, 'delete-team');
  await transaction(database, (tx) => tx.delete(teams).where(eq(teams.id, teamId)));
}

export async function setTargetRecall(database: Db, actorId: string, teamId: string, target: number): Promise<void> {
  await requireTeamRole(database, teamId, actorId, 'manage-assignments');
  await transaction(database, (tx) => tx.update(teams).set({ targetRecall: target }).where(eq(teams.id, teamId)));
}

// Assignments

export interface AssignmentInput {
  kind: 'path' | 'stages' | 'patterns';
  pathId: string | null;
  selection: (number | string)[] | null;
  dueDate: string;
  required: boolean;
  /** null: everyone in the team, now and later. */
  memberIds: string[] | null;
}

export interface Assignment extends Omit<TeamAssignmentRow, 'selection'> {
  selection: (number | string)[] | null;
  memberIds: string[] | null;
}

export async function createAssignment(database: Db, actorId: string, teamId: string, input: AssignmentInput, now: Date): Promise<Assignment> {
  await requireTeamRole(database, teamId, actorId, 'manage-assignments');
  return transaction(database, async (tx) => {
    if (input.memberIds) {
      if (input.memberIds.length === 0) throw new TeamError('Choose at least one member, or assign it to everyone.', 400);
      const inTeam = await tx
        .select({ userId: teamMembers.userId })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.userId, input.memberIds)));
      if (inTeam.length !== new Set(input.memberIds).size) throw new TeamError('Some of the chosen learners are not in this team.', 400);
    }
    const row = (await tx
      .insert(teamAssignments)
      .values({
        id: crypto.randomUUID(),
        teamId,
        kind: input.kind,
        pathId: input.pathId,
        selection: input.selection ? JSON.stringify(input.selection) : null,
        dueDate: input.dueDate,
        required: input.required,
        everyone: input.memberIds === null,
        createdBy: actorId,
        createdAt: now,
      })
      .returning())[0]!;
    for (const userId of new Set(input.memberIds ?? [])) await tx.insert(teamAssignmentMembers).values({ assignmentId: row.id, userId });
    return { ...row, selection: input.selection, memberIds: input.memberIds ? [...new Set(input.memberIds)] : null };
  });
}

export async function deleteAssignment(database: Db, actorId: string, teamId: string, assignmentId: string): Promise<void> {
  await requireTeamRole(database, teamId, actorId, 'manage-assignments');
  const done = await transaction(database, (tx) =>
    tx
      .delete(teamAssignments)
      .where(and(eq(teamAssignments.id, assignmentId), eq(teamAssignments.teamId, teamId)))
      .returning({ id: teamAssignments.id }),
  );
  if (done.length === 0) throw new TeamError('There is no such assignment in this team.', 404);
}

function toAssignment(row: TeamAssignmentRow, members: { assignmentId: string; userId: string }[]): Assignment {
  return {
    ...row,
    selection: row.selection ? (JSON.parse(row.selection) as (number | string)[]) : null,
    memberIds: row.everyone ? null : members.filter((m) => m.assignmentId === row.id).map((m) => m.userId),
  };
}

async function assignmentsOfTeams(database: Db, teamIds: string[]): Promise<Assignment[]> {
  if (teamIds.length === 0) return [];
  const rows = await database.select().from(teamAssignments).where(inArray(teamAssignments.teamId, teamIds));
  const ids = rows.map((r) => r.id);
  const members = ids.length ? await database.select().from(teamAssignmentMembers).where(inArray(teamAssignmentMembers.assignmentId, ids)) : [];
  return rows.map((r) => toAssignment(r, members)).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.createdAt.getTime() - b.createdAt.getTime());
}

/** A team's assignments: all of them for admins, the ones given to them for members. */
export async function listAssignments(database: Db, actorId: string, teamId: string): Promise<Assignment[]> {
  const role = await requireTeamRole(database, teamId, actorId, 'view-team');
  const all = await assignmentsOfTeams(database, [teamId]);
  return can(role, 'view-all-rows') ? all : all.filter((a) => a.memberIds === null || a.memberIds.includes(actorId));
}

/** Every assignment of the team, for the report's averages (lib/study/teams.ts filters what a member sees). */
export async function teamAssignmentsForReport(database: Db, actorId: string, teamId: string): Promise<Assignment[]> {
  await requireTeamRole(database, teamId, actorId, 'view-team');
  return assignmentsOfTeams(database, [teamId]);
}

/** Everything assigned to this learner, in every team of theirs, with the team's name. */
export async function myAssignments(database: Db, userId: string): Promise<(Assignment & { teamName: string })[]> {
  const mine = await database
    .select({ teamId: teamMembers.teamId, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId));
  const names = new Map(mine.map((m) => [m.teamId, m.name]));
  return (
    await assignmentsOfTeams(
      database,
      mine.map((m) => m.teamId),
    )
  )
    .filter((a) => a.memberIds === null || a.memberIds.includes(userId))
    .map((a) => ({ ...a, teamName: names.get(a.teamId)! }));
}

// What the report reads of members: their study of the assigned items only.

export interface AssignedStudy {
  cardRows: (typeof cardStates.$inferSelect)[];
  reads: { topicId: string; readAt: Date }[];
  /** Flashcard reviews (review source only, not quiz or cram) per item: rating and time. */
  cardReviews: { itemId: string; rating: number; review: Date }[];
  quizAnswers: { topicId: string; correct: boolean; answeredAt: Date }[];
  quizPassed: string[];
}

/**
 * The members' study of the given topics and items, and nothing else: every query filters by
 * the assigned ids in SQL, so unrelated study is never loaded. Any member may call it, because
 * the team averages need everyone's figures; the only caller, lib/study/teams.ts, passes the
 * result through `reportFor`, which keeps a member's own row and the averages.
 */
export async function teamStudies(database: Db, actorId: string, teamId: string, topicIds: string[], itemIds: string[]): Promise<Map<string, AssignedStudy>> {
  await requireTeamRole(database, teamId, actorId, 'view-team');
  const memberIds = (await database.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId))).map((m) => m.userId);
  const out = new Map<string, AssignedStudy>(memberIds.map((id) => [id, { cardRows: [], reads: [], cardReviews: [], quizAnswers: [], quizPassed: [] }]));
  if (topicIds.length === 0 || memberIds.length === 0) return out;
  const byUser = <T extends { userId: string }>(rows: T[], put: (s: AssignedStudy, row: T) => void) => {
    for (const row of rows) put(out.get(row.userId)!, row);
  };
  if (itemIds.length) {
    byUser(
      await database
        .select()
        .from(cardStates)
        .where(and(inArray(cardStates.userId, memberIds), inArray(cardStates.itemId, itemIds))),
      (s, r) => s.cardRows.push(r),
    );
    byUser(
      await database
        .select({ userId: reviewLogs.userId, itemId: reviewLogs.itemId, rating: reviewLogs.rating, review: reviewLogs.review })
        .from(reviewLogs)
        .where(and(inArray(reviewLogs.userId, memberIds), eq(reviewLogs.source, 'review'), inArray(reviewLogs.itemId, itemIds))),
      (s, r) => s.cardReviews.push({ itemId: r.itemId, rating: r.rating, review: r.review }),
    );
  }
  byUser(
    await database
      .select({ userId: lessonReads.userId, topicId: lessonReads.topicId, readAt: lessonReads.readAt })
      .from(lessonReads)
      .where(and(inArray(lessonReads.userId, memberIds), inArray(lessonReads.topicId, topicIds))),
    (s, r) => s.reads.push({ topicId: r.topicId, readAt: r.readAt }),
  );
  byUser(
    await database
      .select({ userId: quizAttempts.userId, topicId: quizAttempts.sourceId, correct: quizAnswers.correct, answeredAt: quizAnswers.answeredAt })
      .from(quizAnswers)
      .innerJoin(quizAttempts, eq(quizAttempts.id, quizAnswers.attemptId))
      .where(and(inArray(quizAttempts.userId, memberIds), eq(quizAttempts.kind, 'topic'), inArray(quizAttempts.sourceId, topicIds))),
    (s, r) => s.quizAnswers.push({ topicId: r.topicId!, correct: r.correct, answeredAt: r.answeredAt }),
  );
  byUser(
    await database
      .selectDistinct({ userId: quizAttempts.userId, topicId: quizAttempts.sourceId })
      .from(quizAttempts)
      .where(and(inArray(quizAttempts.userId, memberIds), eq(quizAttempts.passed, true), eq(quizAttempts.kind, 'topic'), inArray(quizAttempts.sourceId, topicIds))),
    (s, r) => s.quizPassed.push(r.topicId!),
  );
  return out;
}
