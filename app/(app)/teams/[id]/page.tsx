import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { db } from '@/lib/db/client';
import { listInvites, TeamError } from '@/lib/db/teams';
import {
  createInviteAction,
  deleteAssignmentAction,
  deleteTeamAction,
  leaveTeamAction,
  removeMemberAction,
  revokeInviteAction,
  setRoleAction,
  setTargetRecallAction,
  transferOwnershipAction,
} from '@/lib/study/team-actions';
import { loadTeamView } from '@/lib/study/teams';
import { can, canRemove } from '@/lib/teams/access';
import { CALIBRATION_GAP, CALIBRATION_MIN, type RecallCell } from '@/lib/teams/report';
import { AssignmentForm } from './AssignmentForm';
import { TeamForm } from '../TeamForm';

export const metadata: Metadata = { title: 'Team' };

const ROLE = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : 'never');

function heatClass(x: number | null, target: number): string {
  if (x === null) return 'heat heat-none';
  if (x >= target) return 'heat heat-good';
  if (x >= target / 2) return 'heat heat-warn';
  return 'heat heat-bad';
}

function RecallCellView({ cell, target }: { cell: RecallCell | undefined; target: number }) {
  if (!cell || cell.now === null) return <td className="heat heat-none">not assigned</td>;
  return (
    <td className={heatClass(cell.due, target)} data-testid={`recall-${cell.topicId}`} data-now={cell.now.toFixed(4)} data-due={cell.due!.toFixed(4)}>
      <span className="heat-now">{pct(cell.now)}</span> now
      <span className="heat-due">
        {pct(cell.due)} on {cell.dueDate!.slice(5)}
      </span>
    </td>
  );
}

function groupByMember<T extends { userId: string }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.userId, [...(groups.get(item.userId) ?? []), item]);
  return [...groups.values()];
}

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = await params;
  const user = await requireUser(`/teams/${raw.id}`);
  const id = z.string().uuid().safeParse(raw.id);
  if (!id.success) notFound();
  const library = getLibrary();
  let view: Awaited<ReturnType<typeof loadTeamView>>;
  try {
    view = await loadTeamView(db(), library, user.id, id.data, new Date());
  } catch (e) {
    if (e instanceof TeamError) notFound();
    throw e;
  }
  const { team, role, members, assignments, report } = view;
  const manage = can(role, 'manage-assignments');
  const invites = can(role, 'manage-invites') ? await listInvites(db(), user.id, team.id) : [];
  const now = new Date();
  const teamId = team.id;

  return (
    <div className="stack">
      <div>
        <p className="muted" style={{ marginBottom: 0 }}>
          <Link href="/teams">← Teams</Link>
        </p>
        <h1>{team.name}</h1>
        {team.description && <p>{team.description}</p>}
        <p className="muted">
          {role === 'member' ? 'You are a member of this team.' : `You are the team’s ${ROLE[role].toLowerCase()}.`}{' '}
          {manage
            ? `You see every member’s progress and predicted recall on what the team assigns, and nothing else of their study.`
            : `You see your own row and the team’s averages; the owner and admins see your progress on what is assigned, nothing else.`}
        </p>
      </div>

      <section className="panel" aria-labelledby="assignments-heading">
        <h2 id="assignments-heading" style={{ marginTop: 0 }}>
          Assignments
        </h2>
        {assignments.length ? (
          <ul className="team-list" data-testid="assignments">
            {assignments.map((a) => (
              <li key={a.id} className="team-item">
                <div>
                  <strong>{a.title}</strong> <span className="badge">{a.required ? 'required' : 'optional'}</span>
                  <div className="muted" style={{ fontSize: '0.9rem' }}>
                    Due {a.dueDate} · {a.topics.length} pattern{a.topics.length === 1 ? '' : 's'} ·{' '}
                    {a.memberIds === null ? 'everyone' : `${a.memberIds.length} chosen member${a.memberIds.length === 1 ? '' : 's'}`}
                  </div>
                </div>
                {manage && (
                  <TeamForm action={deleteAssignmentAction} hidden={{ teamId, assignmentId: a.id }} submit="Remove" pending="Removing…" primary={false} className="inline-form" />
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing assigned yet.</p>
        )}
        {manage && (
          <AssignmentForm
            teamId={teamId}
            paths={library.paths.map((p) => ({ id: p.id, title: p.title, stages: p.stages.map((s) => s.title) }))}
            patterns={library.patterns.map((p) => ({ id: p.id, title: p.title }))}
            members={members.map((m) => ({ id: m.userId, name: m.name }))}
            today={now.toISOString().slice(0, 10)}
          />
        )}
      </section>

      {report.patterns.length > 0 && (
        <section className="panel" aria-labelledby="recall-heading">
          <h2 id="recall-heading" style={{ marginTop: 0 }}>
            Predicted recall
          </h2>
          <p className="muted" style={{ fontSize: '0.92rem' }}>
            The chance of recalling each pattern’s flashcards now and on its due date, from each member’s own reviews and memory model (cards not studied
            count as 0). The team’s target is {pct(report.target)}: cells under it are marked.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Predicted recall table">
            <table className="team-table" data-testid="heatmap">
              <caption className="sr-only">Predicted recall, members by assigned patterns</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  {report.patterns.map((p) => (
                    <th key={p.topicId} scope="col">
                      <Link href={p.href}>{p.title}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.userId} data-testid="heatmap-row" data-member={r.name}>
                    <th scope="row">{r.userId === user.id ? `${r.name} (you)` : r.name}</th>
                    {report.patterns.map((p) => (
                      <RecallCellView key={p.topicId} cell={r.recall.find((c) => c.topicId === p.topicId)} target={report.target} />
                    ))}
                  </tr>
                ))}
                <tr data-testid="heatmap-average">
                  <th scope="row">Team average</th>
                  {report.patterns.map((p) => (
                    <td key={p.topicId} className={heatClass(p.meanRecallDue, report.target)}>
                      <span className="heat-now">{pct(p.meanRecallNow)}</span> now
                      <span className="heat-due">{pct(p.meanRecallDue)} on the due date</span>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <h3>Will have forgotten by the due date</h3>
          {report.forgotten.length ? (
            <ul data-testid="forgotten" className="forgotten">
              {groupByMember(report.forgotten).map((list) => (
                <li key={list[0]!.userId}>
                  <strong>{list[0]!.name}:</strong>{' '}
                  {list
                    .sort((x, y) => x.due - y.due)
                    .map((f) => `${f.title} ${pct(f.due)} on ${f.dueDate}`)
                    .join('; ')}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted" data-testid="forgotten">
              Nobody is predicted under {pct(report.target)} on a due date.
            </p>
          )}
          {manage && (
            <TeamForm action={setTargetRecallAction} hidden={{ teamId }} submit="Set target" pending="Saving…" primary={false} done="Saved." className="row-form">
              <div className="field" style={{ margin: 0 }}>
                <label htmlFor="target-recall">Team target (%)</label>
                <input id="target-recall" name="target" type="number" min={50} max={99} defaultValue={Math.round(team.targetRecall * 100)} />
              </div>
            </TeamForm>
          )}
        </section>
      )}

      {report.patterns.length > 0 && (
        <section className="panel" aria-labelledby="patterns-heading">
          <h2 id="patterns-heading" style={{ marginTop: 0 }}>
            By pattern
          </h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Recall and quiz accuracy by pattern">
            <table className="team-table" data-testid="pattern-summary">
              <thead>
                <tr>
                  <th scope="col">Pattern</th>
                  <th scope="col">Team recall now</th>
                  <th scope="col">On the due date</th>
                  <th scope="col">Quiz accuracy</th>
                </tr>
              </thead>
              <tbody>
                {report.patterns.map((p) => (
                  <tr key={p.topicId}>
                    <th scope="row">{p.title}</th>
                    <td>{pct(p.meanRecallNow)}</td>
                    <td>{pct(p.meanRecallDue)}</td>
                    <td>{p.quizAnswers ? `${pct(p.quizAccuracy)} of ${p.quizAnswers}` : 'no answers yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {report.rows.length > 0 && (
        <section className="panel" aria-labelledby="progress-heading">
          <h2 id="progress-heading" style={{ marginTop: 0 }}>
            {manage ? 'Members’ progress' : 'Your progress'}
          </h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Progress table">
            <table className="team-table" data-testid="progress">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Assignment</th>
                  <th scope="col">Lessons read</th>
                  <th scope="col">Quizzes passed</th>
                  <th scope="col">Cards learned</th>
                  <th scope="col">Overdue</th>
                  <th scope="col">Last active</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.flatMap((r) =>
                  (r.assignments.length ? r.assignments : [null]).map((a, i) => (
                    <tr key={`${r.userId}-${a?.assignmentId ?? 'none'}`} data-testid="progress-row" data-member={r.name}>
                      {i === 0 ? (
                        <th scope="row" rowSpan={Math.max(1, r.assignments.length)}>
                          {r.name} <span className="badge">{ROLE[r.role]}</span>
                        </th>
                      ) : null}
                      {a ? (
                        <>
                          <td>
                            {a.title}
                            <div className="muted" style={{ fontSize: '0.85rem' }}>
                              due {a.dueDate}
                            </div>
                          </td>
                          <td data-testid="lessons-read">
                            {a.lessonsRead} of {a.topics}
                          </td>
                          <td>
                            {a.quizzesPassed} of {a.quizzes}
                          </td>
                          <td data-testid="cards-learned">
                            {a.cardsLearned} of {a.cardsTotal}
                          </td>
                          <td>{a.overdue ? <span className="error-text">{a.overdue} overdue</span> : '–'}</td>
                        </>
                      ) : (
                        <td colSpan={5} className="muted">
                          nothing assigned
                        </td>
                      )}
                      {i === 0 ? <td rowSpan={Math.max(1, r.assignments.length)}>{date(r.lastActive)}</td> : null}
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <p className="muted" style={{ fontSize: '0.9rem' }}>
            Team average: {report.averages.stepsDone} of {report.averages.stepsTotal} assigned steps done; recall {pct(report.averages.recallNow)} now,{' '}
            {pct(report.averages.recallDue)} on the due dates. Last active counts study of assigned patterns only.
          </p>
          <h3>Calibration</h3>
          <p className="muted" style={{ fontSize: '0.9rem' }}>
            Flashcard pass rate (self-graded) against quiz accuracy on the same assigned patterns. A gap of {pct(CALIBRATION_GAP)} or more, with at least{' '}
            {CALIBRATION_MIN} of each, is flagged: the flashcards may be graded more kindly than the quizzes show.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Calibration table">
            <table className="team-table" data-testid="calibration">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Flashcards passed</th>
                  <th scope="col">Quiz accuracy</th>
                  <th scope="col">Gap</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.userId}>
                    <th scope="row">{r.name}</th>
                    <td>
                      {pct(r.calibration.cardPassRate)} <span className="muted">({r.calibration.cardReviews})</span>
                    </td>
                    <td>
                      {pct(r.calibration.quizAccuracy)} <span className="muted">({r.calibration.quizAnswers})</span>
                    </td>
                    <td>{r.calibration.flagged ? <strong className="error-text">⚠ {pct(r.calibration.gap)} above quizzes</strong> : pct(r.calibration.gap)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a className="btn" href={`/api/teams/${teamId}/report`} download data-testid="csv">
              Download the report (CSV)
            </a>
          </p>
        </section>
      )}

      {can(role, 'manage-invites') && (
        <section className="panel" aria-labelledby="invites-heading">
          <h2 id="invites-heading" style={{ marginTop: 0 }}>
            Invite links
          </h2>
          <TeamForm action={createInviteAction} hidden={{ teamId }} submit="Create invite link" pending="Creating…" className="row-form" testId="invite-form">
            <div className="field" style={{ margin: 0 }}>
              <label htmlFor="invite-days">Works for (days)</label>
              <input id="invite-days" name="days" type="number" min={1} max={30} defaultValue={7} />
            </div>
            <div className="field" style={{ margin: 0 }}>
              <label htmlFor="invite-uses">Use limit (optional)</label>
              <input id="invite-uses" name="maxUses" type="number" min={1} max={500} placeholder="no limit" />
            </div>
          </TeamForm>
          {invites.length > 0 && (
            <ul className="team-list" data-testid="invites">
              {invites.map((i) => {
                const status = i.revokedAt
                  ? 'revoked'
                  : i.expiresAt <= now
                    ? 'expired'
                    : i.maxUses !== null && i.uses >= i.maxUses
                      ? 'used up'
                      : `works until ${i.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
                return (
                  <li key={i.id} className="team-item">
                    <div>
                      Created {date(i.createdAt)} · {status} · {i.uses} use{i.uses === 1 ? '' : 's'}
                      {i.maxUses !== null ? ` of ${i.maxUses}` : ''}
                      <div className="muted" style={{ fontSize: '0.9rem' }}>
                        {i.joined.length ? `Joined through it: ${i.joined.map((j) => j.name).join(', ')}` : 'Nobody has joined through it.'}
                      </div>
                    </div>
                    {!i.revokedAt && i.expiresAt > now && (
                      <TeamForm action={revokeInviteAction} hidden={{ teamId, inviteId: i.id }} submit="Revoke" pending="Revoking…" primary={false} className="inline-form" />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}

      {can(role, 'view-all-rows') && (
        <section className="panel" aria-labelledby="members-heading">
          <h2 id="members-heading" style={{ marginTop: 0 }}>
            Members
          </h2>
          <ul className="team-list" data-testid="members">
            {members.map((m) => (
              <li key={m.userId} className="team-item">
                <div>
                  <strong>{m.name}</strong> <span className="badge">{ROLE[m.role]}</span>
                  <div className="muted" style={{ fontSize: '0.85rem' }}>
                    Joined {date(m.joinedAt)}; agreed to what admins see on {date(m.consentedAt)} (text of {m.consentVersion})
                  </div>
                </div>
                <div className="row">
                  {can(role, 'set-role') && m.role !== 'owner' && (
                    <TeamForm
                      action={setRoleAction}
                      hidden={{ teamId, memberId: m.userId, role: m.role === 'admin' ? 'member' : 'admin' }}
                      submit={m.role === 'admin' ? 'Make member' : 'Make admin'}
                      pending="Saving…"
                      primary={false}
                      className="inline-form"
                    />
                  )}
                  {m.userId !== user.id && canRemove(role, m.role) && (
                    <TeamForm action={removeMemberAction} hidden={{ teamId, memberId: m.userId }} submit="Remove" pending="Removing…" primary={false} className="inline-form" />
                  )}
                </div>
              </li>
            ))}
          </ul>
          <p className="muted" style={{ fontSize: '0.9rem' }}>
            Removing a member ends the team’s access to their study; their own history stays theirs.
          </p>
        </section>
      )}

      {role === 'owner' ? (
        <section className="panel danger-zone" aria-labelledby="owner-heading">
          <h2 id="owner-heading" style={{ marginTop: 0 }}>
            Ownership
          </h2>
          {members.length > 1 ? (
            <TeamForm action={transferOwnershipAction} hidden={{ teamId }} submit="Hand the team on" pending="Saving…" primary={false}>
              <div className="field">
                <label htmlFor="new-owner">New owner</label>
                <select id="new-owner" name="memberId">
                  {members
                    .filter((m) => m.userId !== user.id)
                    .map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.name}
                      </option>
                    ))}
                </select>
              </div>
              <label className="check" htmlFor="transfer-confirm">
                <input id="transfer-confirm" name="confirm" type="checkbox" required />
                <span>I understand that I become an admin.</span>
              </label>
            </TeamForm>
          ) : (
            <p className="muted">Invite someone to hand the team on to them.</p>
          )}
          <h3>Delete the team</h3>
          <TeamForm action={deleteTeamAction} hidden={{ teamId }} submit="Delete team" pending="Deleting…" danger>
            <label className="check" htmlFor="delete-confirm">
              <input id="delete-confirm" name="confirm" type="checkbox" required />
              <span>Delete {team.name}, its invites and assignments. Members keep their own study.</span>
            </label>
          </TeamForm>
        </section>
      ) : (
        <section className="panel" aria-labelledby="leave-heading">
          <h2 id="leave-heading" style={{ marginTop: 0 }}>
            Leave the team
          </h2>
          <TeamForm action={leaveTeamAction} hidden={{ teamId }} submit="Leave team" pending="Leaving…" danger>
            <label className="check" htmlFor="leave-confirm">
              <input id="leave-confirm" name="confirm" type="checkbox" required />
              <span>The team stops seeing my progress at once. My own study stays mine.</span>
            </label>
          </TeamForm>
        </section>
      )}
    </div>
  );
}
