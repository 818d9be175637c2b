import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary, type Library, type Topic } from '@/lib/content/load';
import { markLessonRead } from '@/lib/db/reviews';
import { gradeItem, NotStudyableError } from './review';
import { loadStudyToday, unlocked, withContrasts } from './session';

const { library: real } = readLibrary(path.resolve('content'));

/** The real library with one contrast added (content/contrasts.yaml may not exist yet in a checkout). */
function withOneContrast(): Library {
  const saga = real.topics.get('saga')!;
  const tpc = real.topics.get('two-phase-commit')!;
  const q = saga.questions[0]!;
  const topic: Topic = {
    ...saga,
    id: 'contrasts/test-saga-vs-2pc',
    kind: 'contrast',
    slug: 'test-saga-vs-2pc',
    href: '/practice/contrasts#test-saga-vs-2pc',
    cards: [],
    questions: [{ ...q, id: 'contrasts/test-saga-vs-2pc/q1', cards: [saga.cards[0]!.id, tpc.cards[0]!.id], patterns: ['saga', 'two-phase-commit'] }],
  };
  const items = new Map(real.items);
  items.set(topic.questions[0]!.id, { topic, kind: 'question', question: topic.questions[0]! });
  const topics = new Map(real.topics);
  topics.set(topic.id, topic);
  return {
    ...real,
    topics,
    items,
    contrasts: [{ id: topic.slug, title: 'Saga or 2PC', patterns: ['saga', 'two-phase-commit'], tell: 'Can they wait?', explanation: 'x', topic }],
  };
}

let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());
const T0 = new Date('2026-03-02T09:00:00Z');

describe('contrast drills in the schedule', () => {
  const library = withOneContrast();
  const qid = 'contrasts/test-saga-vs-2pc/q1';

  it('join the new items only when every lesson of the contrast is read, right after those lessons\' cards', () => {
    const cards = (slug: string) => library.topics.get(slug)!.cards.map((c) => ({ itemId: c.id, topicId: slug }));
    const base = [...cards('saga'), ...cards('timeout')];
    expect(withContrasts(library, [{ topicId: 'saga' }], base)).toEqual(base);
    const both = [...cards('saga'), ...cards('two-phase-commit'), ...cards('timeout')];
    const out = withContrasts(library, [{ topicId: 'saga' }, { topicId: 'two-phase-commit' }], both);
    const at = out.findIndex((x) => x.itemId === qid);
    expect(at).toBe(cards('saga').length + cards('two-phase-commit').length);
    expect(unlocked(library, [{ topicId: 'saga' }], 'contrasts/test-saga-vs-2pc')).toBe(false);
    expect(unlocked(library, [{ topicId: 'saga' }, { topicId: 'two-phase-commit' }], 'contrasts/test-saga-vs-2pc')).toBe(true);
  });

  it('cannot be answered in /review before both lessons are read, and can after', async () => {
    const user = await ctx.learner();
    const q = library.items.get(qid)!.question!;
    const right = q.options.findIndex((o) => o.correct);
    await markLessonRead(ctx.db, user, 'saga', T0);
    await expect(gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000001', itemId: qid, answer: right, durationMs: 0 }, T0)).rejects.toThrow(
      NotStudyableError,
    );
    expect((await loadStudyToday(ctx.db, library, user, T0)).queue.items.some((i) => i.itemId === qid)).toBe(false);
    await markLessonRead(ctx.db, user, 'two-phase-commit', T0);
    const today = await loadStudyToday(ctx.db, { ...library }, user, T0);
    const all = withContrasts(library, [{ topicId: 'saga' }, { topicId: 'two-phase-commit' }], []);
    expect(all.map((x) => x.itemId)).toEqual([qid]);
    expect(today.queue.counts.new).toBeGreaterThan(0);
    expect((await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000002', itemId: qid, answer: right, durationMs: 0 }, T0)).correct).toBe(true);
  });
});
