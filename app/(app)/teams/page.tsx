import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { listMyTeams } from '@/lib/db/teams';
import { createTeamAction } from '@/lib/study/team-actions';
import { TeamForm } from './TeamForm';

export const metadata: Metadata = { title: 'Teams' };

const ROLE = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

export default async function TeamsPage() {
  const user = await requireUser('/teams');
  const teams = await listMyTeams(db(), user.id);
  return (
    <div className="stack narrow">
      <div>
        <h1>Teams</h1>
        <p className="muted">
          Onboard engineers on the patterns: assign a path or chosen patterns with a due date, and see what the team will still remember on the day.
        </p>
      </div>
      <section className="panel" aria-labelledby="my-teams">
        <h2 id="my-teams" style={{ marginTop: 0 }}>
          Your teams
        </h2>
        {teams.length ? (
          <ul className="team-list" data-testid="team-list">
            {teams.map((t) => (
              <li key={t.team.id} className="team-item">
                <Link href={`/teams/${t.team.id}`}>{t.team.name}</Link>
                <span className="muted">
                  {ROLE[t.role]} · {t.members} member{t.members === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">You are not in a team yet. Create one, or open an invite link someone sent you.</p>
        )}
      </section>
      <section className="panel" aria-labelledby="new-team">
        <h2 id="new-team" style={{ marginTop: 0 }}>
          Create a team
        </h2>
        <TeamForm action={createTeamAction} submit="Create team" pending="Creating…">
          <div className="field">
            <label htmlFor="team-name">Name</label>
            <input id="team-name" name="name" required maxLength={80} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="team-description">Description (optional)</label>
            <textarea id="team-description" name="description" maxLength={500} rows={2} />
          </div>
        </TeamForm>
      </section>
    </div>
  );
}
