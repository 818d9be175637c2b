// Plain values (not ts-fsrs's): the review and cram screens use this module in the browser.
import { Rating, type Grade } from '@/lib/srs/grades';
import { shuffle } from './shuffle';

export const PASS_RATIO = 0.8;

export interface GradableQuestion {
  id: string;
  options: { correct: boolean }[];
}

export interface AttemptPlan {
  questionIds: string[];
  /** For each question, the original option indices in the order shown. */
  optionOrders: number[][];
}

/**
 * Lays out an attempt: questions (all of them, or `limit` drawn at random) and each
 * question's options, shuffled with the attempt id as the seed so a reload shows the same quiz.
 */
export function planAttempt(questions: readonly GradableQuestion[], seed: string, limit?: number): AttemptPlan {
  const chosen = shuffle(questions, `${seed}:questions`).slice(0, limit ?? questions.length);
  return {
    questionIds: chosen.map((q) => q.id),
    optionOrders: chosen.map((q) => shuffle(q.options.map((_, i) => i), `${seed}:${q.id}`)),
  };
}

/** A quiz answer is an FSRS review of the question: right is Good, wrong is Again. */
export function ratingForAnswer(correct: boolean): Grade {
  return correct ? Rating.Good : Rating.Again;
}

export function isCorrect(question: GradableQuestion, chosenOriginalIndex: number): boolean {
  return question.options[chosenOriginalIndex]?.correct === true;
}

export interface Score {
  score: number;
  total: number;
  percent: number;
  passed: boolean;
}

/** Unanswered questions count as wrong. 80% or more passes. */
export function scoreAttempt(correctAnswers: number, total: number, passRatio = PASS_RATIO): Score {
  const percent = total === 0 ? 0 : Math.round((100 * correctAnswers) / total);
  return { score: correctAnswers, total, percent, passed: total > 0 && correctAnswers / total >= passRatio - 1e-9 };
}

export interface Band {
  min: number;
  title: string;
  message: string;
}

/** The band for a score: the first (highest) whose minimum the score reaches. */
export function bandFor<B extends Band>(bands: readonly B[], score: number): B | undefined {
  return [...bands].sort((a, b) => b.min - a.min).find((b) => score >= b.min);
}
