'use client';

import { useState } from 'react';
import { createAssignmentAction } from '@/lib/study/team-actions';
import { TeamForm } from '../TeamForm';

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** New assignment: a path, some of its stages or chosen patterns, for everyone or chosen members, by a date. */
export function AssignmentForm({
  teamId,
  paths,
  patterns,
  members,
  today,
}: {
  teamId: string;
  paths: { id: string; title: string; stages: string[] }[];
  patterns: { id: string; title: string }[];
  members: { id: string; name: string }[];
  today: string;
}) {
  const [kind, setKind] = useState<'path' | 'stages' | 'patterns'>('path');
  const [pathId, setPathId] = useState(paths[0]?.id ?? 'beginner');
  const [audience, setAudience] = useState<'everyone' | 'chosen'>('everyone');
  const stages = paths.find((p) => p.id === pathId)?.stages ?? [];
  return (
    <details className="assign-details">
      <summary>New assignment</summary>
      <TeamForm action={createAssignmentAction} hidden={{ teamId }} submit="Assign" pending="Assigning…" done="Assigned." testId="assignment-form">
        <fieldset className="fieldset">
          <legend>What</legend>
          {(
            [
              ['path', 'A whole path'],
              ['stages', 'Stages of a path'],
              ['patterns', 'Chosen patterns'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="check">
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        {kind !== 'patterns' && (
          <div className="field">
            <label htmlFor="assign-path">Path</label>
            <select id="assign-path" name="pathId" value={pathId} onChange={(e) => setPathId(e.target.value)}>
              {paths.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'stages' && (
          <fieldset className="fieldset">
            <legend>Stages</legend>
            {stages.map((s, i) => (
              <label key={`${pathId}-${i}`} className="check">
                <input type="checkbox" name="stages" value={i} />
                <span>{s}</span>
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'patterns' && (
          <fieldset className="fieldset pick-list">
            <legend>Patterns</legend>
            {patterns.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" name="patterns" value={p.id} />
                <span>{p.title}</span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="assign-due">Due date</label>
            <input id="assign-due" name="dueDate" type="date" required min={addDays(today, 1)} defaultValue={addDays(today, 14)} />
          </div>
          <div className="field" style={{ margin: 0 }}>
            <label htmlFor="assign-required">Required or optional</label>
            <select id="assign-required" name="required" defaultValue="required">
              <option value="required">Required</option>
              <option value="optional">Optional</option>
            </select>
          </div>
        </div>
        <fieldset className="fieldset">
          <legend>For</legend>
          <label className="check">
            <input type="radio" name="audience" value="everyone" checked={audience === 'everyone'} onChange={() => setAudience('everyone')} />
            <span>Everyone in the team, including those who join later</span>
          </label>
          <label className="check">
            <input type="radio" name="audience" value="chosen" checked={audience === 'chosen'} onChange={() => setAudience('chosen')} />
            <span>Chosen members</span>
          </label>
          {audience === 'chosen' &&
            members.map((m) => (
              <label key={m.id} className="check" style={{ marginLeft: '1.5rem' }}>
                <input type="checkbox" name="members" value={m.id} />
                <span>{m.name}</span>
              </label>
            ))}
        </fieldset>
      </TeamForm>
    </details>
  );
}
