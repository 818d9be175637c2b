import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { memberCount, openInvite, roleIn, TeamError } from '@/lib/db/teams';
import { joinTeamAction } from '@/lib/study/team-actions';
import { CONSENT_AFTER, CONSENT_NEVER, CONSENT_SEES, CONSENT_VERSION } from '@/lib/teams/consent';
import { TeamForm } from '../../TeamForm';

export const metadata: Metadata = { title: 'Join a team' };

/** An invite: what the team's admins will see, before the learner agrees to it. */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser(`/teams/join/${encodeURIComponent(token)}`);
  let opened: Awaited<ReturnType<typeof openInvite>>;
  try {
    opened = await openInvite(db(), token, new Date());
  } catch (e) {
    // Unknown, revoked, expired or used up: 404, with the reasons on the page (not-found.tsx).
    if (e instanceof TeamError) notFound();
    throw e;
  }
  const { team } = opened;
  const already = await roleIn(db(), team.id, user.id) !== null;
  const members = await memberCount(db(), team.id);
  return (
    <div className="stack narrow">
      <div>
        <p className="muted" style={{ marginBottom: 0 }}>
          <Link href="/teams">← Teams</Link>
        </p>
        <h1>Join {team.name}</h1>
        {team.description && <p>{team.description}</p>}
        <p className="muted">
          {members} member{members === 1 ? '' : 's'}
        </p>
      </div>
      {already ? (
        <p className="alert alert-info">
          You are already in this team. <Link href={`/teams/${team.id}`}>Open it</Link>.
        </p>
      ) : (
        <section className="panel" aria-labelledby="consent-heading" data-testid="consent">
          <h2 id="consent-heading" style={{ marginTop: 0 }}>
            What the team’s owner and admins will see
          </h2>
          <ul>
            {CONSENT_SEES.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <h3>What they will never see</h3>
          <ul>
            {CONSENT_NEVER.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <p>{CONSENT_AFTER}</p>
          <TeamForm action={joinTeamAction} hidden={{ token, consentVersion: CONSENT_VERSION }} submit={`Join ${team.name}`} pending="Joining…">
            <label className="check" htmlFor="consent">
              <input id="consent" name="consent" type="checkbox" required />
              <span>I agree that this team’s owner and admins see what is listed above.</span>
            </label>
          </TeamForm>
        </section>
      )}
    </div>
  );
}
