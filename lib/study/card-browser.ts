import 'server-only';
import { z } from 'zod';
import type { Library } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { listCardStates } from '@/lib/db/reviews';
import { getSettingsRow } from '@/lib/db/settings';
import type { CardStateRow } from '@/lib/db/tables';
import { addDays, dayStartInstant, studyDayBounds } from '@/lib/srs/day';
import { toStudySettings } from '@/lib/srs/settings';

export const LEECH_LAPSES = 8;
export const PAGE_SIZE = 50;

export const browserQuery = z.object({
  q: z.string().trim().max(100, 'Search for at most 100 characters.').optional().default(''),
  topic: z.string().regex(/^(((laws|pillars|quizzes|case-studies|domains)\/)?[a-z0-9]+(-[a-z0-9]+)*)?$/, 'Unknown pattern filter.').optional().default(''),
  kind: z.enum(['all', 'card', 'question'], { error: 'Kind is flashcard, question or all.' }).optional().default('all'),
  state: z
    .enum(['all', 'new', 'learning', 'review', 'relearning', 'suspended', 'buried', 'leech'], { error: 'Unknown state filter.' })
    .optional()
    .default('all'),
  due: z.enum(['any', 'overdue', 'today', 'week', 'later'], { error: 'Unknown due filter.' }).optional().default('any'),
  lapses: z.coerce.number({ error: 'Lapses must be a number.' }).int().min(0).max(999).optional().default(0),
  sort: z.enum(['due', 'lapses', 'topic', 'difficulty', 'stability'], { error: 'Unknown sort.' }).optional().default('due'),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type BrowserQuery = z.infer<typeof browserQuery>;

export interface BrowserRow {
  itemId: string;
  kind: 'card' | 'question';
  topicId: string;
  topicTitle: string;
  topicHref: string;
  text: string;
  state: CardStateRow | null;
  leech: boolean;
}

const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;

export function stateName(row: CardStateRow | null): (typeof STATE_NAMES)[number] {
  return row ? (STATE_NAMES[row.state] ?? 'new') : 'new';
}

/** Every card and question in the library with the learner's state, filtered and sorted. */
export async function browseCards(database: Db, library: Library, userId: string, query: BrowserQuery, now: Date) {
  const settings = toStudySettings(await getSettingsRow(database, userId));
  const { day, end } = studyDayBounds(now, settings.day);
  const weekEnd = dayStartInstant(addDays(day, 7), settings.day);
  const states = new Map((await listCardStates(database, userId)).map((r) => [r.itemId, r]));
  const needle = query.q.toLowerCase();
  let rows: BrowserRow[] = [];
  for (const [itemId, entry] of library.items) {
    const state = states.get(itemId) ?? null;
    const text = entry.card ? `${entry.card.front} — ${entry.card.back}` : entry.question!.prompt;
    rows.push({
      itemId,
      kind: entry.kind,
      topicId: entry.topic.id,
      topicTitle: entry.topic.title,
      topicHref: entry.topic.href,
      text,
      state,
      leech: (state?.lapses ?? 0) >= LEECH_LAPSES,
    });
  }
  rows = rows.filter((r) => {
    if (needle && !r.text.toLowerCase().includes(needle) && !r.topicTitle.toLowerCase().includes(needle)) return false;
    if (query.topic && r.topicId !== query.topic) return false;
    if (query.kind !== 'all' && r.kind !== query.kind) return false;
    const s = r.state;
    switch (query.state) {
      case 'suspended':
        if (!s?.suspended) return false;
        break;
      case 'buried':
        if (!s?.buriedUntil || s.buriedUntil <= now) return false;
        break;
      case 'leech':
        if (!r.leech) return false;
        break;
      case 'all':
        break;
      default:
        if (stateName(s) !== query.state) return false;
    }
    if (query.due !== 'any') {
      if (!s || s.state === 0) return false;
      const due = s.due.getTime();
      if (query.due === 'overdue' && due >= now.getTime()) return false;
      if (query.due === 'today' && due >= end.getTime()) return false;
      if (query.due === 'week' && due >= weekEnd.getTime()) return false;
      if (query.due === 'later' && due < weekEnd.getTime()) return false;
    }
    if (query.lapses > 0 && (s?.lapses ?? 0) < query.lapses) return false;
    return true;
  });
  const key = (r: BrowserRow): number | string => {
    switch (query.sort) {
      case 'lapses':
        return -(r.state?.lapses ?? 0);
      case 'topic':
        return r.topicTitle;
      case 'difficulty':
        return -(r.state?.difficulty ?? 0);
      case 'stability':
        return r.state?.stability ?? Number.MAX_SAFE_INTEGER;
      default:
        return r.state && r.state.state !== 0 ? r.state.due.getTime() : Number.MAX_SAFE_INTEGER;
    }
  };
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.itemId.localeCompare(b.itemId);
  });
  const total = rows.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    total,
    page,
    pages,
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    leeches: [...states.values()].filter((s) => s.lapses >= LEECH_LAPSES).length,
  };
}
