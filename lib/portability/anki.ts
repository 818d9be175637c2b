import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';

/**
 * Writes an Anki package (.apkg): a zip with `collection.anki2` (Anki's SQLite collection,
 * schema version 11, which every Anki since 2.1 and AnkiDroid import) and an empty `media`
 * map. One note per flashcard on a "Patternwise" note type (Front, Back, Pattern, Link), a deck
 * per category under "Patternwise::", tags per pattern, level and category, and optionally
 * the learner's schedule (due dates, intervals, review history).
 */

export interface AnkiReview {
  /** Review time. */
  at: Date;
  /** 1-4: Again, Hard, Good, Easy. */
  rating: number;
  /** The card's FSRS state before the review: 0 new, 1 learning, 2 review, 3 relearning. */
  stateBefore: number;
  /** Days scheduled by this review (0 for a same-day step). */
  intervalDays: number;
  durationMs: number;
}

export interface AnkiSchedule {
  /** ts-fsrs state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  due: Date;
  scheduledDays: number;
  reps: number;
  lapses: number;
  suspended: boolean;
  reviews: AnkiReview[];
}

export interface AnkiCard {
  itemId: string;
  frontHtml: string;
  backHtml: string;
  patternTitle: string;
  patternSlug: string;
  /** Deck name under Patternwise:: (the category's title). */
  deck: string;
  tags: string[];
  link: string;
  schedule: AnkiSchedule | null;
}

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

const FIELD_SEPARATOR = '\x1f';

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the stripped first field. */
export function fieldChecksum(firstField: string): number {
  return parseInt(createHash('sha1').update(stripHtml(firstField)).digest('hex').slice(0, 8), 16);
}

/** A stable note guid from the item id, so importing again updates notes instead of duplicating them. */
function guidFor(itemId: string): string {
  return createHash('sha1').update(`patternwise:${itemId}`).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
}

/** Anki tags are space-separated words. */
export function ankiTag(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9:_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

const CSS = `.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 20px; line-height: 1.45; text-align: left; color: #1a1a1a; background: #fff; max-width: 40em; margin: 0 auto; }
.nightMode .card, .card.nightMode { color: #eee; background: #1e1e1e; }
.pattern { font-size: 0.8em; margin-top: 1.2em; opacity: 0.8; }
code { font-size: 0.9em; }`;

export function buildApkg(cards: AnkiCard[], options: { now: Date; includeSchedule: boolean }): Uint8Array {
  const nowMs = options.now.getTime();
  const nowSec = Math.floor(nowMs / 1000);
  // The collection is "created" at the start of today (UTC): review due dates count days from it.
  const crt = Math.floor(nowSec / 86_400) * 86_400;
  const modelId = 1_700_000_000_000;
  const db = new Database(':memory:');
  db.exec(SCHEMA);

  const deckNames = [...new Set(cards.map((c) => c.deck))].sort();
  const deckIds = new Map(deckNames.map((name, i) => [name, modelId + 1 + i]));
  const deck = (id: number, name: string) => ({
    id,
    name,
    mod: nowSec,
    usn: -1,
    desc: '',
    dyn: 0,
    conf: 1,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  });
  const decks: Record<string, unknown> = { '1': deck(1, 'Default') };
  decks[String(modelId)] = deck(modelId, 'Patternwise');
  for (const [name, id] of deckIds) decks[String(id)] = deck(id, `Patternwise::${name}`);

  const models = {
    [String(modelId)]: {
      id: modelId,
      name: 'Patternwise',
      type: 0,
      mod: nowSec,
      usn: -1,
      sortf: 0,
      did: modelId,
      tmpls: [
        {
          name: 'Card 1',
          ord: 0,
          qfmt: '{{Front}}',
          afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n\n<div class="pattern"><a href="{{Link}}">{{Pattern}}</a></div>',
          did: null,
          bqfmt: '',
          bafmt: '',
        },
      ],
      flds: ['Front', 'Back', 'Pattern', 'Link'].map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
      css: CSS,
      latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
      latexPost: '\\end{document}',
      tags: [],
      vers: [],
      req: [[0, 'any', [0]]],
    },
  };
  const dconf = {
    '1': {
      id: 1,
      name: 'Default',
      mod: 0,
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { delays: [1, 10], ints: [1, 4, 7], initialFactor: 2500, order: 1, perDay: 20, bury: false },
      lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 1 },
      rev: { perDay: 200, ease4: 1.3, fuzz: 0.05, minSpace: 1, ivlFct: 1, maxIvl: 36500, bury: false, hardFactor: 1.2 },
    },
  };
  const conf = { activeDecks: [1], curDeck: 1, newSpread: 0, collapseTime: 1200, timeLim: 0, estTimes: true, dueCounts: true, curModel: String(modelId), nextPos: cards.length + 1, sortType: 'noteFld', sortBackwards: false, addToCur: true };
  db.prepare('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)').run(
    crt,
    nowMs,
    nowMs,
    JSON.stringify(conf),
    JSON.stringify(models),
    JSON.stringify(decks),
    JSON.stringify(dconf),
    '{}',
  );

  const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, \'\')');
  const insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, \'\')');
  const insertReview = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
  const usedRevlogIds = new Set<number>();
  db.transaction(() => {
    cards.forEach((c, i) => {
      const noteId = nowMs - cards.length + i;
      const cardId = noteId;
      const fields = [c.frontHtml, c.backHtml, c.patternTitle, c.link];
      const tags = ` ${c.tags.join(' ')} `;
      insertNote.run(noteId, guidFor(c.itemId), modelId, nowSec, tags, fields.join(FIELD_SEPARATOR), stripHtml(c.frontHtml), fieldChecksum(c.frontHtml));
      const s = options.includeSchedule ? c.schedule : null;
      let type = 0;
      let queue = 0;
      let due = i + 1;
      let ivl = 0;
      let left = 0;
      if (s && s.state !== 0 && s.reps > 0) {
        const dueSec = Math.floor(s.due.getTime() / 1000);
        if (s.state === 2) {
          type = 2;
          queue = 2;
          due = Math.max(0, Math.floor((dueSec - crt) / 86_400));
          ivl = Math.max(1, s.scheduledDays);
        } else {
          // Learning (1) or relearning (3): due is a timestamp; one step left.
          type = s.state === 3 ? 3 : 1;
          queue = 1;
          due = dueSec;
          ivl = s.state === 3 ? Math.max(1, s.scheduledDays) : 0;
          left = 1001;
        }
      }
      if (s?.suspended) queue = -1;
      insertCard.run(cardId, noteId, deckIds.get(c.deck)!, nowSec, type, queue, due, ivl, s && s.reps > 0 ? 2500 : 0, s?.reps ?? 0, s?.lapses ?? 0, left);
      let lastIvl = 0;
      for (const r of s?.reviews ?? []) {
        let id = r.at.getTime();
        while (usedRevlogIds.has(id)) id += 1;
        usedRevlogIds.add(id);
        // revlog type: 0 learn, 1 review, 2 relearn. Intervals: days, or negative seconds for a step.
        const revType = r.stateBefore === 2 ? 1 : r.stateBefore === 3 ? 2 : 0;
        const ivlOut = r.intervalDays > 0 ? r.intervalDays : -600;
        insertReview.run(id, cardId, r.rating, ivlOut, lastIvl, 2500, Math.min(60_000, Math.max(0, r.durationMs)), revType);
        lastIvl = ivlOut;
      }
    });
  })();

  const collection = db.serialize();
  db.close();
  return zipSync({ 'collection.anki2': new Uint8Array(collection), media: strToU8('{}') }, { level: 6 });
}
