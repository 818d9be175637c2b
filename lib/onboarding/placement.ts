/**
 * The first run's optional placement check: five questions from the library's own quizzes,
 * two on what the beginner path teaches, two on the intermediate path and one on the advanced
 * path. Pure: the page renders the questions, the action grades the answers with this module.
 */
import { z } from 'zod';
import type { Library, TopicQuestion } from '@/lib/content/load';
import { shuffle } from '@/lib/quiz/shuffle';

export type Level = 'beginner' | 'intermediate' | 'advanced';

/**
 * Which lessons the check asks about, by the level of the path that teaches them. Keys are
 * forever (content/README), so the first question of each of these lessons is stable.
 */
export const PLACEMENT_TOPICS: readonly { topic: string; level: Level }[] = [
  { topic: 'timeout', level: 'beginner' },
  { topic: 'load-balancing', level: 'beginner' },
  { topic: 'cqrs', level: 'intermediate' },
  { topic: 'saga', level: 'intermediate' },
  { topic: 'sharding', level: 'advanced' },
];

export interface PlacementQuestion {
  id: string;
  level: Level;
  topicTitle: string;
  prompt: string;
  /** Options in the order shown: `index` is the option's index in the content file. */
  options: { index: number; text: string }[];
}

function firstQuestion(library: Library, topicId: string): TopicQuestion | undefined {
  const topic = library.topics.get(topicId);
  return topic?.questions.find((q) => q.scenario) ?? topic?.questions[0];
}

/** The five questions (fewer only if the library lost a lesson), options in a fixed shuffled order. */
export function placementQuestions(library: Library): PlacementQuestion[] {
  return PLACEMENT_TOPICS.flatMap(({ topic, level }) => {
    const q = firstQuestion(library, topic);
    if (!q) return [];
    const options = shuffle(
      q.options.map((o, index) => ({ index, text: o.text })),
      `placement:${q.id}`,
    );
    return [{ id: q.id, level, topicTitle: library.topics.get(topic)!.title, prompt: q.prompt, options }];
  });
}

export const placementAnswers = z.record(
  z.string().min(3).max(200),
  z.coerce.number({ error: 'Each answer is an option number.' }).int().min(0).max(9),
);

export interface PlacementResult {
  score: number;
  total: number;
  suggestion: Level;
  /** Per question: right or not, and the lesson it came from. */
  results: { id: string; level: Level; topicTitle: string; correct: boolean; answered: boolean }[];
}

/**
 * Grades the answers (content indices by question id; unanswered counts as wrong) and suggests
 * where to start: the intermediate path when both beginner questions are right, the advanced
 * path when the intermediate ones are right too. A guess on the advanced question alone never
 * skips a path.
 */
export function gradePlacement(library: Library, answers: Record<string, number>): PlacementResult {
  const questions = placementQuestions(library);
  const results = questions.map((q) => {
    const chosen = answers[q.id];
    const content = library.items.get(q.id)?.question;
    const correct = chosen !== undefined && Boolean(content?.options[chosen]?.correct);
    return { id: q.id, level: q.level, topicTitle: q.topicTitle, correct, answered: chosen !== undefined };
  });
  const right = (level: Level) => results.filter((r) => r.level === level && r.correct).length;
  const all = (level: Level) => results.filter((r) => r.level === level).length;
  const beginnerKnown = all('beginner') > 0 && right('beginner') === all('beginner');
  const intermediateKnown = all('intermediate') > 0 && right('intermediate') === all('intermediate');
  const suggestion: Level = beginnerKnown && intermediateKnown ? 'advanced' : beginnerKnown ? 'intermediate' : 'beginner';
  return { score: results.filter((r) => r.correct).length, total: results.length, suggestion, results };
}
