import { describe, expect, it } from 'vitest';
import { optionFormFigures, optionFormProblems, type FormFile, type FormQuestion } from './option-form';

const q = (key: string, keyText: string, ...others: string[]): FormQuestion => ({
  key,
  options: [{ text: keyText, correct: true }, ...others.map((text) => ({ text }))],
});

describe('the option-form rule', () => {
  it('counts the key as longest or shortest only when strictly so', () => {
    const files: FormFile[] = [
      {
        file: 'patterns/x/quiz.yaml',
        questions: [q('long', 'aaaaaa', 'bb', 'cc'), q('short', 'a', 'bb', 'cc'), q('tied', 'aa', 'bb', 'c'), q('middle', 'aa', 'b', 'ccc')],
      },
    ];
    const f = optionFormFigures(files);
    expect(f.longest).toBe(1);
    expect(f.shortest).toBe(1);
    // Picking the longest: 1 for "long", 1/2 for the tie, 0 for the others.
    expect(f.longestPickScore).toBe(1.5);
    expect(f.filesPassedByLongest).toBe(0);
  });

  it('flags a file over 40% and the library over 30%, and a key that is the shortest too often', () => {
    const shortKeys = Array.from({ length: 4 }, (_, i) => q(`s${i}`, 'a', 'bbb', 'ccc'));
    const files: FormFile[] = [
      { file: 'a.yaml', questions: [q('l1', 'aaaa', 'b', 'c'), q('l2', 'aaaa', 'b', 'c'), q('m', 'bb', 'a', 'ccc')] },
      { file: 'b.yaml', questions: shortKeys },
    ];
    const messages = optionFormProblems(files).map((p) => `${p.file}: ${p.field}: ${p.message}`);
    expect(messages).toContain('a.yaml: (file): the correct option is the longest in 2 of 3 questions (67%; at most 40% in one file)');
    expect(messages).toContain('a.yaml: l1: the correct option is the longest (4 chars vs 1)');
    expect(messages).toContain('b.yaml: s0: the correct option is the shortest (1 chars vs 3)');
    expect(messages).toContain('(library): quizzes: the correct option is the shortest in 4 of 7 questions (57%; at most 35%)');
  });

  it('passes a balanced library', () => {
    const files: FormFile[] = [
      { file: 'a.yaml', questions: [q('1', 'aaaa', 'b', 'c'), q('2', 'bb', 'a', 'ccc'), q('3', 'bb', 'aaa', 'c'), q('4', 'a', 'bb', 'ccc')] },
    ];
    expect(optionFormProblems(files)).toEqual([]);
  });
});
