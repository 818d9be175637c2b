'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { bulkCardAction, type BulkState } from '@/lib/study/card-actions';

export interface CardRowView {
  itemId: string;
  kind: 'card' | 'question';
  topicTitle: string;
  topicHref: string;
  text: string;
  state: string;
  due: string;
  lapses: number;
  reps: number;
  stability: string;
  suspended: boolean;
  buried: boolean;
  leech: boolean;
}

export function CardTable({ rows }: { rows: CardRowView[] }) {
  const [state, action, pending] = useActionState<BulkState, FormData>(bulkCardAction, {});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const all = rows.length > 0 && rows.every((r) => selected.has(r.itemId));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <form action={action}>
      <div className="row" style={{ margin: '0.75rem 0' }} role="group" aria-label="Actions for the selected cards">
        <span className="muted">{selected.size} selected</span>
        {(
          [
            ['suspend', 'Suspend'],
            ['unsuspend', 'Unsuspend'],
            ['bury', 'Bury until tomorrow'],
            ['reset', 'Reset to new'],
          ] as const
        ).map(([value, label]) => (
          <button key={value} type="submit" name="action" value={value} className="btn btn-small" disabled={pending || selected.size === 0}>
            {label}
          </button>
        ))}
      </div>
      {state.message && (
        <p className="alert alert-success" role="status">
          {state.message}
        </p>
      )}
      {state.error && (
        <p className="alert alert-error" role="alert">
          {state.error}
        </p>
      )}
      {[...selected].map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      {/* A phone gets a list of cards (CSS shows one or the other); both share the selection. */}
      <div className="card-list-wrap">
        <label className="check card-list-all">
          <input type="checkbox" checked={all} onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.itemId)))} />
          Select all on this page
        </label>
        <ul className="card-list" aria-label="Cards">
          {rows.map((r) => (
            <li key={r.itemId} className="card-item" data-testid="card-item" data-item-id={r.itemId}>
              <input type="checkbox" aria-label={`Select ${r.itemId}`} checked={selected.has(r.itemId)} onChange={() => toggle(r.itemId)} />
              <div className="card-item-body">
                <p className="card-item-text">
                  <span className="badge">{r.kind === 'card' ? 'Flashcard' : 'Question'}</span> {r.text}
                </p>
                <p className="card-item-topic">
                  <Link href={r.topicHref}>{r.topicTitle}</Link>
                </p>
                <dl className="card-item-facts">
                  <div>
                    <dt>State</dt>
                    <dd>
                      {r.state}
                      {r.suspended && <span className="badge">Suspended</span>}
                      {r.buried && <span className="badge">Buried</span>}
                      {r.leech && <span className="badge badge-advanced">Leech</span>}
                    </dd>
                  </div>
                  <div>
                    <dt>Due</dt>
                    <dd>{r.due}</dd>
                  </div>
                  <div>
                    <dt>Lapses</dt>
                    <dd>{r.lapses}</dd>
                  </div>
                  <div>
                    <dt>Stability</dt>
                    <dd>{r.stability}</dd>
                  </div>
                </dl>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <div className="table-wrap prose card-table" tabIndex={0} role="region" aria-label="Cards">
        <table>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all cards on this page"
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.itemId)))}
                />
              </th>
              <th scope="col">Card</th>
              <th scope="col">Pattern</th>
              <th scope="col">State</th>
              <th scope="col">Due</th>
              <th scope="col">Lapses</th>
              <th scope="col">Stability</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.itemId} data-testid="card-row" data-item-id={r.itemId}>
                <td>
                  <input type="checkbox" aria-label={`Select ${r.itemId}`} checked={selected.has(r.itemId)} onChange={() => toggle(r.itemId)} />
                </td>
                <td style={{ minWidth: '16rem' }}>
                  <span className="badge" style={{ marginRight: '0.4rem' }}>
                    {r.kind === 'card' ? 'Flashcard' : 'Question'}
                  </span>
                  {r.text}
                </td>
                <td>
                  <Link href={r.topicHref}>{r.topicTitle}</Link>
                </td>
                <td>
                  {r.state}
                  {r.suspended && <span className="badge" style={{ marginLeft: '0.3rem' }}>Suspended</span>}
                  {r.buried && <span className="badge" style={{ marginLeft: '0.3rem' }}>Buried</span>}
                  {r.leech && <span className="badge badge-advanced" style={{ marginLeft: '0.3rem' }}>Leech</span>}
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>{r.due}</td>
                <td>{r.lapses}</td>
                <td>{r.stability}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
