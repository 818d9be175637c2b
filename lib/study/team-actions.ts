'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { getSettingsRow } from '@/lib/db/settings';
import {
  createAssignment,
  createInvite,
  createTeam,
  deleteAssignment,
  deleteTeam,
  joinTeam,
  leaveTeam,
  removeMember,
  revokeInvite,
  setRole,
  setTargetRecall,
  TeamError,
  transferOwnership,
} from '@/lib/db/teams';
import { asFormData, NOT_A_FORM } from '@/lib/security/action-input';
import { studyDayBounds } from '@/lib/srs/day';
import { toStudySettings } from '@/lib/srs/settings';
import { dueDateProblem } from '@/lib/teams/assignments';
import { CONSENT_VERSION } from '@/lib/teams/consent';
import { INVITE_DAYS_DEFAULT } from '@/lib/teams/invite';

/**
 * Team actions: user -> zod -> lib/db/teams (which checks the role) -> revalidate. A refusal
 * from the role check or bad input comes back as a message and changes nothing.
 */
export interface TeamFormState {
  ok?: boolean;
  error?: string;
  /** createInviteAction: the link, shown once (only its hash is stored). */
  link?: string;
}

const uuid = z.string().uuid('That is not a team id.');
const teamId = z.object({ teamId: uuid });

/** The named fields; a name ending in [] is a list (checkboxes), read with getAll. */
function fields(formData: FormData, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((n) => (n.endsWith('[]') ? [n.slice(0, -2), formData.getAll(n.slice(0, -2))] : [n, formData.get(n) ?? undefined])));
}

async function run<T>(
  raw: unknown,
  schema: z.ZodType<T>,
  names: string[],
  body: (userId: string, input: T) => Promise<TeamFormState | void>,
): Promise<TeamFormState> {
  const user = await requireUser('/teams');
  const formData = asFormData(raw);
  if (!formData) return { error: NOT_A_FORM };
  const parsed = schema.safeParse(fields(formData, names));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form.' };
  try {
    return (await body(user.id, parsed.data)) ?? { ok: true };
  } catch (e) {
    if (e instanceof TeamError) return { error: e.message };
    throw e;
  }
}

const name = z.string({ error: 'Give the team a name.' }).trim().min(1, 'Give the team a name.').max(80, 'Keep the name under 80 characters.');
const description = z
  .string()
  .trim()
  .max(500, 'Keep the description under 500 characters.')
  .optional()
  .transform((d) => d || null);

export async function createTeamAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  let created: string | null = null;
  const state = await run(raw, z.object({ name, description }), ['name', 'description'], async (userId, input) => {
    created = (await createTeam(db(), userId, { ...input, consentVersion: CONSENT_VERSION }, new Date())).id;
  });
  if (created) {
    revalidatePath('/teams');
    redirect(`/teams/${created}`);
  }
  return state;
}

const invite = teamId.extend({
  days: z.coerce.number({ error: 'Choose how many days the link works.' }).int('Whole days only.').min(1, 'At least 1 day.').max(30, 'At most 30 days.').default(INVITE_DAYS_DEFAULT),
  maxUses: z
    .union([z.literal(''), z.coerce.number().int('Whole numbers only.').min(1, 'At least 1 use.').max(500, 'At most 500 uses.')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});

export async function createInviteAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  return run(raw, invite, ['teamId', 'days', 'maxUses'], async (userId, input) => {
    const { token } = await createInvite(db(), userId, input.teamId, { days: input.days, maxUses: input.maxUses }, new Date());
    revalidatePath(`/teams/${input.teamId}`);
    return { ok: true, link: `/teams/join/${token}` };
  });
}

export async function revokeInviteAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  return run(raw, teamId.extend({ inviteId: uuid }), ['teamId', 'inviteId'], async (userId, input) => {
    await revokeInvite(db(), userId, input.teamId, input.inviteId, new Date());
    revalidatePath(`/teams/${input.teamId}`);
  });
}

const join = z.object({
  token: z.string().min(1).max(200),
  consent: z.literal('on', { error: 'Tick the box to agree to what the team will see.' }),
  consentVersion: z.literal(CONSENT_VERSION, { error: 'The consent text changed while the page was open. Reload and read it again.' }),
});

export async function joinTeamAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  let joined: string | null = null;
  const state = await run(raw, join, ['token', 'consent', 'consentVersion'], async (userId, input) => {
    joined = (await joinTeam(db(), userId, input.token, input.consentVersion, new Date())).id;
  });
  if (joined) {
    revalidatePath('/teams');
    revalidatePath('/dashboard');
    redirect(`/teams/${joined}`);
  }
  return state;
}

export async function leaveTeamAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  let left = false;
  const state = await run(raw, teamId.extend({ confirm: z.literal('on', { error: 'Tick the box to confirm.' }) }), ['teamId', 'confirm'], async (userId, input) => {
    await leaveTeam(db(), userId, input.teamId);
    left = true;
  });
  if (left) {
    revalidatePath('/teams');
    revalidatePath('/dashboard');
    redirect('/teams');
  }
  return state;
}

const memberInput = teamId.extend({ memberId: uuid });

export async function removeMemberAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  return run(raw, memberInput, ['teamId', 'memberId'], async (userId, input) => {
    await removeMember(db(), userId, input.teamId, input.memberId);
    revalidatePath(`/teams/${input.teamId}`);
  });
}

export async function setRoleAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  return run(raw, memberInput.extend({ role: z.enum(['admin', 'member'], { error: 'Choose admin or member.' }) }), ['teamId', 'memberId', 'role'], async (userId, input) => {
    await setRole(db(), userId, input.teamId, input.memberId, input.role);
    revalidatePath(`/teams/${input.teamId}`);
  });
}

export async function transferOwnershipAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  return run(raw, memberInput.extend({ confirm: z.literal('on', { error: 'Tick the box to confirm.' }) }), ['teamId', 'memberId', 'confirm'], async (userId, input) => {
    await transferOwnership(db(), userId, input.teamId, input.memberId);
    revalidatePath(`/teams/${input.teamId}`);
    revalidatePath('/teams');
  });
}

export async function deleteTeamAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  let deleted = false;
  const state = await run(raw, teamId.extend({ confirm: z.literal('on', { error: 'Tick the box to confirm.' }) }), ['teamId', 'confirm'], async (userId, input) => {
    await deleteTeam(db(), userId, input.teamId);
    deleted = true;
  });
  if (deleted) {
    revalidatePath('/teams');
    revalidatePath('/dashboard');
    redirect('/teams');
  }
  return state;
}

export async function setTargetRecallAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  const target = z.coerce.number({ error: 'Enter a percentage.' }).int('Whole percentages only.').min(50, 'At least 50%.').max(99, 'At most 99%.');
  return run(raw, teamId.extend({ target }), ['teamId', 'target'], async (userId, input) => {
    await setTargetRecall(db(), userId, input.teamId, input.target / 100);
    revalidatePath(`/teams/${input.teamId}`);
  });
}

const assignment = teamId.extend({
  kind: z.enum(['path', 'stages', 'patterns'], { error: 'Choose what to assign.' }),
  pathId: z.enum(['beginner', 'intermediate', 'advanced']).optional(),
  stages: z.array(z.coerce.number().int().min(0).max(50)).max(50),
  patterns: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Choose patterns from the list.')).max(200),
  dueDate: z.string({ error: 'Choose a due date.' }).max(20),
  required: z.enum(['required', 'optional'], { error: 'Choose required or optional.' }),
  audience: z.enum(['everyone', 'chosen'], { error: 'Choose who it is for.' }),
  members: z.array(uuid).max(500),
});

export async function createAssignmentAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  const library = getLibrary();
  return run(raw, assignment, ['teamId', 'kind', 'pathId', 'stages[]', 'patterns[]', 'dueDate', 'required', 'audience', 'members[]'], async (userId, input) => {
    // The admin's own study day decides what "after today" means.
    const today = studyDayBounds(new Date(), toStudySettings(await getSettingsRow(db(), userId)).day).day;
    const dateProblem = dueDateProblem(input.dueDate, today);
    if (dateProblem) return { error: dateProblem };
    const path = library.paths.find((p) => p.id === input.pathId);
    let selection: (number | string)[] | null = null;
    if (input.kind !== 'patterns' && !path) return { error: 'Choose a path.' };
    if (input.kind === 'stages') {
      selection = [...new Set(input.stages)].sort((a, b) => a - b);
      if (selection.length === 0 || selection.some((i) => !path!.stages[Number(i)])) return { error: 'Choose at least one stage of the path.' };
    }
    if (input.kind === 'patterns') {
      selection = [...new Set(input.patterns)];
      if (selection.length === 0) return { error: 'Choose at least one pattern.' };
      if (selection.some((id) => library.topics.get(String(id))?.kind !== 'pattern')) return { error: 'Choose patterns from the list.' };
    }
    await createAssignment(
      db(),
      userId,
      input.teamId,
      {
        kind: input.kind,
        pathId: input.kind === 'patterns' ? null : input.pathId!,
        selection,
        dueDate: input.dueDate,
        required: input.required === 'required',
        memberIds: input.audience === 'everyone' ? null : input.members,
      },
      new Date(),
    );
    revalidatePath(`/teams/${input.teamId}`);
    revalidatePath('/dashboard');
  });
}

export async function deleteAssignmentAction(_prev: TeamFormState, raw: FormData): Promise<TeamFormState> {
  return run(raw, teamId.extend({ assignmentId: uuid }), ['teamId', 'assignmentId'], async (userId, input) => {
    await deleteAssignment(db(), userId, input.teamId, input.assignmentId);
    revalidatePath(`/teams/${input.teamId}`);
    revalidatePath('/dashboard');
  });
}
