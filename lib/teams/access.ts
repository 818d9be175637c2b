/** Who may do what in a team: the one table every team query and page consults. */
export type TeamRole = 'owner' | 'admin' | 'member';

export type TeamAction =
  | 'view-team'
  | 'view-own-row'
  | 'view-all-rows'
  | 'export-report'
  | 'manage-invites'
  | 'manage-assignments'
  | 'remove-member'
  | 'set-role'
  | 'transfer-ownership'
  | 'delete-team'
  | 'leave';

const RULES: Record<TeamAction, readonly TeamRole[]> = {
  'view-team': ['owner', 'admin', 'member'],
  'view-own-row': ['owner', 'admin', 'member'],
  'view-all-rows': ['owner', 'admin'],
  'export-report': ['owner', 'admin', 'member'],
  'manage-invites': ['owner', 'admin'],
  'manage-assignments': ['owner', 'admin'],
  'remove-member': ['owner', 'admin'],
  'set-role': ['owner'],
  'transfer-ownership': ['owner'],
  'delete-team': ['owner'],
  // The owner hands the team on (or deletes it) first, so a team never has no owner.
  leave: ['admin', 'member'],
};

export const TEAM_ACTIONS = Object.keys(RULES) as TeamAction[];

/** Whether a learner with `role` (null: not a member) may do `action`. */
export function can(role: TeamRole | null, action: TeamAction): boolean {
  return role !== null && RULES[action].includes(role);
}

/** Whether `actor` may remove `target` from the team: admins remove members, the owner anyone but themselves. */
export function canRemove(actor: TeamRole | null, target: TeamRole): boolean {
  if (!can(actor, 'remove-member') || target === 'owner') return false;
  return actor === 'owner' || target === 'member';
}

/** The rows of a report a viewer may read: everyone's for owners and admins, their own for members. */
export function visibleRows<T extends { userId: string }>(role: TeamRole | null, viewerId: string, rows: readonly T[]): T[] {
  if (can(role, 'view-all-rows')) return [...rows];
  if (can(role, 'view-own-row')) return rows.filter((r) => r.userId === viewerId);
  return [];
}

/** Why an account that owns teams cannot be deleted yet, and what to do. */
export function ownedTeamsMessage(names: string[]): string {
  const list = names.map((n) => `“${n}”`).join(', ');
  return `You own ${names.length === 1 ? 'the team' : 'the teams'} ${list}. Hand ${names.length === 1 ? 'it' : 'each'} on to another member or delete ${names.length === 1 ? 'it' : 'them'} (in Teams) before deleting your account; nothing was deleted.`;
}
