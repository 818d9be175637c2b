import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/test/db-fixture';
import { readLibrary } from '@/lib/content/load';
import { reviewItemViews } from './review-items';

const { library } = readLibrary(path.resolve('content'));
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
    const views = await reviewItemViews(ctx.db, library, await ctx.learner(), [
      { itemId: question.id, topicId: quiz.topic.id, card: null },
      { itemId: card.id, topicId: 'timeout', card: null },
    ]);
    const tested = library.topics.get(question.patterns[0]!)!;
    expect(views.map((v) => [v.topicTitle, v.topicHref])).toEqual([
      [tested.title, tested.href],
      ['Timeout', '/patterns/timeout'],
    ]);
    expect(views[0]!.topicTitle).not.toBe(quiz.topic.title);
  });
});
