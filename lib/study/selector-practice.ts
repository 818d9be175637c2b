import 'server-only';
import type { Library, TopicQuestion } from '@/lib/content';
import type { Db } from '@/lib/db/client';
import { createAttempt, type Attempt } from '@/lib/db/quiz';
import { planAttempt } from '@/lib/quiz/grade';
import { shuffle } from '@/lib/quiz/shuffle';
import { QuizError } from './quiz';

/** The attempt's sourceId: an untimed interview-style attempt started from the selector. */
export const SELECTOR_SOURCE = 'selector';
export const PRACTICE_PATTERNS = 5;
const PER_PATTERN = 2;

/** Up to two scenario questions from each pattern, picked by the attempt's seed. */
export function selectorPool(library: Library, slugs: string[], seed: string): TopicQuestion[] {
  return slugs.flatMap((slug) => {
    const scenarios = (library.topics.get(slug)?.questions ?? []).filter((q) => q.scenario);
    return shuffle(scenarios, `${seed}:${slug}`).slice(0, PER_PATTERN);
  });
}

/**
 * "Practise this" on the selector: a short quiz of scenario questions from the top patterns,
 * with feedback after each answer and no clock. The answers are FSRS reviews like any quiz's.
 */
export async function startSelectorPractice(database: Db, library: Library, userId: string, slugs: string[], now: Date): Promise<Attempt> {
  const known = [...new Set(slugs)].filter((s) => library.topics.get(s)?.kind === 'pattern').slice(0, PRACTICE_PATTERNS);
  const id = crypto.randomUUID();
  const pool = selectorPool(library, known, id);
  if (pool.length === 0) throw new QuizError('None of these patterns has scenario questions yet.', 409);
  const plan = planAttempt(
    pool.map((q) => ({ id: q.id, options: q.options.map((o) => ({ correct: Boolean(o.correct) })) })),
    id,
  );
  return await createAttempt(database, { id, userId, kind: 'interview', sourceId: SELECTOR_SOURCE, ...plan, immediateFeedback: true, now, deadlineAt: null });
}
