import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLibrary } from '@/lib/content/load';
import { gradePlacement, placementAnswers, placementQuestions, PLACEMENT_TOPICS } from './placement';

const { library } = readLibrary(path.resolve('content'));

/** The content index of a question's correct option, and of a wrong one. */
function right(id: string): number {
  return library.items.get(id)!.question!.options.findIndex((o) => o.correct);
}
function wrong(id: string): number {
  return (right(id) + 1) % library.items.get(id)!.question!.options.length;
}

describe('placement check', () => {
  const questions = placementQuestions(library);

  it('asks five questions, one per chosen lesson, each with every option once', () => {
    expect(questions).toHaveLength(5);
    expect(questions.map((q) => q.id.split('/')[0])).toEqual(PLACEMENT_TOPICS.map((t) => t.topic));
    for (const q of questions) {
      const content = library.items.get(q.id)!.question!;
      expect(q.options.map((o) => o.index).sort()).toEqual(content.options.map((_, i) => i));
    }
    // The same order on every load (a reload does not reshuffle), and the first option is not always right.
    expect(placementQuestions(library)).toEqual(questions);
    expect(questions.filter((q) => library.items.get(q.id)!.question!.options[q.options[0]!.index]!.correct).length).toBeLessThan(5);
  });

  const answers = (levels: Record<string, boolean>) =>
    Object.fromEntries(questions.map((q) => [q.id, levels[q.level] ? right(q.id) : wrong(q.id)]));

  it('suggests beginner unless both beginner questions are right, then intermediate, then advanced', () => {
    expect(gradePlacement(library, {}).suggestion).toBe('beginner');
    expect(gradePlacement(library, answers({ beginner: false, intermediate: true, advanced: true }))).toMatchObject({ score: 3, suggestion: 'beginner' });
    expect(gradePlacement(library, answers({ beginner: true, intermediate: false, advanced: true }))).toMatchObject({ score: 3, suggestion: 'intermediate' });
    expect(gradePlacement(library, answers({ beginner: true, intermediate: true, advanced: false }))).toMatchObject({ score: 4, suggestion: 'advanced' });
    expect(gradePlacement(library, answers({ beginner: true, intermediate: true, advanced: true }))).toMatchObject({ score: 5, total: 5, suggestion: 'advanced' });
  });

  it('counts an unanswered question as not right, and says it was not answered', () => {
    const [first] = questions;
    const result = gradePlacement(library, { [first!.id]: right(first!.id) });
    expect(result.score).toBe(1);
    expect(result.results.filter((r) => !r.answered)).toHaveLength(4);
  });

  it('accepts option numbers only', () => {
    expect(placementAnswers.safeParse({ 'timeout/x': '2' }).success).toBe(true);
    expect(placementAnswers.safeParse({ 'timeout/x': 'two' }).success).toBe(false);
    expect(placementAnswers.safeParse({ 'timeout/x': '12' }).success).toBe(false);
  });
});
