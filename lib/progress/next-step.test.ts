import { describe, expect, it } from 'vitest';
import { nextStepFrom } from './steps';

const step = (slug: string, read = false, hasQuiz = true, quizPassed = false) => ({ slug, read, hasQuiz, quizPassed });

describe('nextStepFrom', () => {
  it('offers the first unread lesson after the one being read, then wraps to earlier ones', () => {
    const steps = [step('a'), step('b', true), step('c'), step('d')];
    expect(nextStepFrom(steps, 'c')).toEqual({ step: steps[3], todo: 'read' });
    expect(nextStepFrom([step('a'), step('b', true), step('c')], 'c')?.step.slug).toBe('a');
    expect(nextStepFrom(steps)?.step.slug).toBe('a');
  });

  it('never offers the lesson being read, even when the path lists it twice', () => {
    const steps = [step('a', true), step('x'), step('x')];
    expect(nextStepFrom(steps, 'x')).toEqual({ step: steps[0], todo: 'quiz' });
  });

  it('offers a quiz not passed once every lesson is read, and nothing when all is done', () => {
    const steps = [step('a', true, true, true), step('b', true, false), step('c', true, true, false)];
    expect(nextStepFrom(steps, 'a')).toEqual({ step: steps[2], todo: 'quiz' });
    expect(nextStepFrom([step('a', true, true, true), step('b', true, false)])).toBeNull();
  });

  it('treats a lesson that is not on the path like no lesson', () => {
    const steps = [step('a', true), step('b')];
    expect(nextStepFrom(steps, 'elsewhere')?.step.slug).toBe('b');
  });
});
