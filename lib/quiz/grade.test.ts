import { describe, expect, it } from 'vitest';
import { Rating } from '@/lib/srs/scheduler';
import { bandFor, isCorrect, planAttempt, ratingForAnswer, scoreAttempt } from './grade';
import { showingOrder, shuffle } from './shuffle';

const q = (id: string, correctAt: number, n = 4) => ({ id, options: Array.from({ length: n }, (_, i) => ({ correct: i === correctAt })) });
const questions = Array.from({ length: 10 }, (_, i) => q(`timeout/q${i}`, i % 4));

describe('shuffle', () => {
  it('is deterministic for a seed and a permutation of the input', () => {
    const a = shuffle([1, 2, 3, 4, 5, 6, 7, 8], 'seed-1');
    expect(shuffle([1, 2, 3, 4, 5, 6, 7, 8], 'seed-1')).toEqual(a);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('gives different orders for different seeds', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => shuffle([1, 2, 3, 4, 5, 6], `s${i}`).join()));
    expect(orders.size).toBeGreaterThan(10);
  });
  it('puts each element in each position about equally often', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shuffle([0, 1, 2, 3], `attempt-${i}`).indexOf(0)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});

describe('planAttempt', () => {
  it('stores the same layout for the same attempt id', () => {
    expect(planAttempt(questions, 'attempt-a')).toEqual(planAttempt(questions, 'attempt-a'));
    expect(planAttempt(questions, 'attempt-a')).not.toEqual(planAttempt(questions, 'attempt-b'));
  });
  it('includes every question once and every option once', () => {
    const plan = planAttempt(questions, 'x');
    expect([...plan.questionIds].sort()).toEqual(questions.map((x) => x.id).sort());
    for (const order of plan.optionOrders) expect([...order].sort()).toEqual([0, 1, 2, 3]);
  });
  it('draws a limited number of questions', () => {
    const plan = planAttempt(questions, 'y', 3);
    expect(plan.questionIds).toHaveLength(3);
    expect(new Set(plan.questionIds).size).toBe(3);
  });
});

describe('grading', () => {
  it('marks the option flagged correct, by its original index', () => {
    expect(isCorrect(q('a', 2), 2)).toBe(true);
    expect(isCorrect(q('a', 2), 0)).toBe(false);
    expect(isCorrect(q('a', 2), 9)).toBe(false);
  });
  it('maps right to Good and wrong to Again', () => {
    expect(ratingForAnswer(true)).toBe(Rating.Good);
    expect(ratingForAnswer(false)).toBe(Rating.Again);
  });
  it('passes at 80% and above', () => {
    expect(scoreAttempt(8, 10)).toEqual({ score: 8, total: 10, percent: 80, passed: true });
    expect(scoreAttempt(7, 10).passed).toBe(false);
    expect(scoreAttempt(4, 5).passed).toBe(true);
    expect(scoreAttempt(9, 12).passed).toBe(false); // 75%
    expect(scoreAttempt(0, 0).passed).toBe(false);
  });
});

describe('bandFor', () => {
  const bands = [
    { min: 0, title: 'Start here', message: '' },
    { min: 18, title: 'Fluent', message: '' },
    { min: 12, title: 'Solid', message: '' },
  ];
  it('picks the highest band the score reaches', () => {
    expect(bandFor(bands, 20)?.title).toBe('Fluent');
    expect(bandFor(bands, 18)?.title).toBe('Fluent');
    expect(bandFor(bands, 17)?.title).toBe('Solid');
    expect(bandFor(bands, 3)?.title).toBe('Start here');
  });
});

describe('the option order of a showing', () => {
  it('is deterministic per seed and a permutation of the options', () => {
    const a = showingOrder(4, 'timeout/q1:3', null);
    expect(showingOrder(4, 'timeout/q1:3', null)).toEqual(a);
    expect([...a].sort()).toEqual([0, 1, 2, 3]);
  });

  it('never repeats the previous showing, whatever the seed', () => {
    for (let i = 0; i < 200; i++) {
      const previous = shuffle([0, 1, 2, 3], `prev-${i}`);
      const order = showingOrder(4, `timeout/q${i % 7}:${i}`, previous);
      expect(order).not.toEqual(previous);
      expect([...order].sort()).toEqual([0, 1, 2, 3]);
    }
  });
});
