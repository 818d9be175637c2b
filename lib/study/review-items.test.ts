import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { getSettingsRow } from '@/lib/db/settings';
import { createPreviewer } from '@/lib/srs/preview';
import { Rating, State } from '@/lib/srs/scheduler';
import { toStudySettings } from '@/lib/srs/settings';
import { markLessonRead } from '@/lib/db/reviews';
import { gradeItem } from './review';
import { nextReviewItems, reviewItemViews } from './review-items';

const { library } = readLibrary(path.resolve('content'));
const T0 = new Date('2026-03-02T09:00:00Z');
const previewer = async (userId: string, now = T0) => createPreviewer(toStudySettings(await getSettingsRow(ctx.db, userId)), now);
let ctx: Awaited<ReturnType<typeof freshDb>>;
beforeEach(async () => {
  ctx = await freshDb();
});
afterEach(() => ctx.cleanup());

describe('reviewItemViews', () => {
  it('names the lesson a Pattern Quiz question tests, and a pattern card its own lesson', async () => {
    const quiz = library.collections.find((c) => c.id === 'pattern-quiz')!;
    const question = quiz.topic.questions.find((q) => q.patterns.length > 0)!;
    const card = library.topics.get('timeout')!.cards[0]!;
    const user = await ctx.learner();
    const views = await reviewItemViews(
      ctx.db,
      library,
      user,
      [
        { itemId: question.id, topicId: quiz.topic.id, card: null },
        { itemId: card.id, topicId: 'timeout', card: null },
      ],
      await previewer(user),
    );
    const tested = library.topics.get(question.patterns[0]!)!;
    expect(views.map((v) => [v.topicTitle, v.topicHref])).toEqual([
      [tested.title, tested.href],
      ['Timeout', '/patterns/timeout'],
    ]);
    expect(views[0]!.topicTitle).not.toBe(quiz.topic.title);
  });

  it("carries each item's grade previews, a question's from the question scheduler", async () => {
    const user = await ctx.learner();
    const question = library.topics.get('timeout')!.questions[0]!;
    const card = library.topics.get('timeout')!.cards[0]!;
    const [q, c] = await reviewItemViews(
      ctx.db,
      library,
      user,
      [
        { itemId: question.id, topicId: 'timeout', card: null },
        { itemId: card.id, topicId: 'timeout', card: null },
      ],
      await previewer(user),
    );
    expect(c!.previews).toEqual((await previewer(user))('card', null));
    expect(c!.previews[Rating.Again]).toEqual({ label: '1m', inMs: 60_000, state: State.Learning });
    expect(q!.previews).toEqual((await previewer(user))('question', null));
    expect(q!.previews[Rating.Again].inMs).toBeGreaterThan(60_000);
  });
});

describe('nextReviewItems', () => {
  it("gives the items asked for as they are now, with previews from the learner's stored card", async () => {
    const user = await ctx.learner();
    await markLessonRead(ctx.db, user, 'timeout', new Date(T0.getTime() - 86_400_000));
    const itemId = library.topics.get('timeout')!.cards[0]!.id;
    await gradeItem(ctx.db, library, user, { id: '00000000-0000-4000-8000-000000000001', itemId, rating: Rating.Good, durationMs: 0 }, T0);
    const later = new Date(T0.getTime() + 10 * 60_000);
    const [view] = await nextReviewItems(ctx.db, library, user, [itemId, 'no-such-item'], later);
    expect(view!.card!.reps).toBe(1);
    expect(view!.previews).toEqual((await previewer(user, later))('card', { ...view!.card!, due: new Date(view!.card!.due), last_review: new Date(view!.card!.last_review!) }));
  });
});
