import path from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { markLessonRead } from '@/lib/db/reviews';
import { fieldChecksum } from '@/lib/portability/anki';
import { csvCardId } from '@/lib/portability/csv';
import { gradeItem } from './review';
import { ankiPackage, reviewsCsv } from './portability';

const { library } = readLibrary(path.resolve('content'));
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function openApkg(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
  expect(strFromU8(files.media!)).toBe('{}');
  return new Database(Buffer.from(files['collection.anki2']!), { readonly: true });
}

// Each Anki test builds a package of every flashcard: seconds on a loaded machine.
describe('the Anki export', () => {
  it('has one note per flashcard, a deck per category, tags, a link back, and the learner\'s schedule when asked', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', day(-1));
    const card = library.topics.get('timeout')!.cards[0]!;
    await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000001', itemId: card.id, rating: 4, durationMs: 5000 }, day(0));
    const apkg = await ankiPackage(ctx.db, library, user, { includeSchedule: true, baseUrl: 'https://patternwise.example', now: day(1) });
    const col = openApkg(apkg);
    const flashcards = [...library.items.values()].filter((i) => i.kind === 'card').length;
    expect((col.prepare('select count(*) n from notes').get() as { n: number }).n).toBe(flashcards);
    expect((col.prepare('select count(*) n from cards').get() as { n: number }).n).toBe(flashcards);
    expect((col.prepare('select ver from col').get() as { ver: number }).ver).toBe(11);

    const decks = JSON.parse((col.prepare('select decks from col').get() as { decks: string }).decks) as Record<string, { name: string }>;
    const names = Object.values(decks).map((d) => d.name);
    expect(names).toContain('Patternwise::Resilience & Reliability');
    expect(names).toContain('Patternwise::Laws');
    const models = JSON.parse((col.prepare('select models from col').get() as { models: string }).models) as Record<string, { flds: { name: string }[] }>;
    expect(Object.values(models)[0]!.flds.map((f) => f.name)).toEqual(['Front', 'Back', 'Pattern', 'Link']);

    // The studied card: a review card (type 2) in the resilience deck, with its review in the revlog.
    const notes = col.prepare('select n.id, n.flds, n.tags, n.csum, c.type, c.queue, c.ivl, c.did, c.reps from notes n join cards c on c.nid = n.id').all() as {
      id: number;
      flds: string;
      tags: string;
      csum: number;
      type: number;
      queue: number;
      ivl: number;
      did: number;
      reps: number;
    }[];
    const studied = notes.find((n) => n.flds.split('\x1f')[3] === 'https://patternwise.example/patterns/timeout' && n.reps > 0)!;
    expect(studied).toBeDefined();
    expect(studied.type).toBe(2);
    expect(studied.queue).toBe(2);
    expect(studied.ivl).toBeGreaterThanOrEqual(1);
    expect(studied.tags).toContain(' pattern::timeout ');
    expect(studied.tags).toContain('level::beginner');
    expect(studied.tags).toContain('category::resilience-and-reliability');
    expect(studied.csum).toBe(fieldChecksum(studied.flds.split('\x1f')[0]!));
    expect(decks[String(studied.did)]!.name).toBe('Patternwise::Resilience & Reliability');
    const revlog = col.prepare('select ease, time, type from revlog').all();
    expect(revlog).toEqual([{ ease: 4, time: 5000, type: 0 }]);
    // Every other card is new, in order.
    expect(notes.filter((n) => n.type === 0)).toHaveLength(flashcards - 1);
    col.close();
  }, 60_000);

  it('leaves the schedule out unless asked', async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', day(-1));
    await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000002', itemId: library.topics.get('timeout')!.cards[0]!.id, rating: 3, durationMs: 0 }, day(0));
    const col = openApkg(await ankiPackage(ctx.db, library, user, { includeSchedule: false, baseUrl: 'http://localhost:3000', now: day(1) }));
    expect(col.prepare('select count(*) n from cards where type != 0').get()).toEqual({ n: 0 });
    expect(col.prepare('select count(*) n from revlog').get()).toEqual({ n: 0 });
    col.close();
  }, 60_000);
});

describe('the review log as CSV', () => {
  it('has the columns the FSRS tools read, oldest first, and only this learner\'s reviews', async () => {
    const user = await ctx.learner();
    const other = await ctx.learner();
    for (const u of [user, other]) await markLessonRead(ctx.db, u, 'timeout', day(-1));
    const card = library.topics.get('timeout')!.cards[1]!;
    await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000003', itemId: card.id, rating: 3, durationMs: 2100 }, day(0));
    await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000004', itemId: card.id, rating: 1, durationMs: 900 }, day(0.01));
    await gradeItem(ctx.db, library, other, { id: '00000000-0000-4000-8000-000000000005', itemId: card.id, rating: 4, durationMs: 1 }, day(0));
    const lines = (await reviewsCsv(ctx.db, user)).trim().split('\n');
    expect(lines[0]).toBe('card_id,review_time,review_rating,review_state,review_duration,item_id');
    expect(lines.slice(1)).toEqual([
      `${csvCardId(card.id)},${day(0).getTime()},3,0,2100,${card.id}`,
      `${csvCardId(card.id)},${day(0.01).getTime()},1,1,900,${card.id}`,
    ]);
  });
});
