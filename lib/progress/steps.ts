import type { PathContent } from '@/lib/content/schema';

/** What we know about one topic for one learner. */
export interface TopicFacts {
  read: boolean;
  hasQuiz: boolean;
  quizPassed: boolean;
  cardsTotal: number;
  cardsIntroduced: number;
  mastery: number;
}

export interface PathStep {
  ref: string;
  slug: string;
  anchor: string | null;
  stage: string;
  index: number;
}

/** A step is done when its lesson is read, its quiz passed and all its cards introduced. */
export function stepDone(f: TopicFacts): boolean {
  return f.read && (!f.hasQuiz || f.quizPassed) && f.cardsIntroduced >= f.cardsTotal;
}

export function pathSteps(path: PathContent): PathStep[] {
  let index = 0;
  return path.stages.flatMap((stage) =>
    stage.patterns.map((ref) => {
      const [slug = '', anchor] = ref.split('#');
      return { ref, slug, anchor: anchor ?? null, stage: stage.title, index: index++ };
    }),
  );
}

/** The first unfinished step (the one "Continue" opens), or null when the path is complete. */
export function nextStep(steps: PathStep[], facts: (slug: string) => TopicFacts | undefined): PathStep | null {
  return steps.find((s) => {
    const f = facts(s.slug);
    return f !== undefined && !stepDone(f);
  }) ?? null;
}

/** What remains of a step, in the order a learner does it. */
export function stepTodo(f: TopicFacts): 'read' | 'quiz' | 'cards' | 'done' {
  if (!f.read) return 'read';
  if (f.hasQuiz && !f.quizPassed) return 'quiz';
  if (f.cardsIntroduced < f.cardsTotal) return 'cards';
  return 'done';
}

/** What a lesson's end and an empty review offer next: the lesson to read, else a quiz to pass. */
export interface NextStepFacts {
  slug: string;
  read: boolean;
  hasQuiz: boolean;
  quizPassed: boolean;
}

/**
 * The learner's next step on a path, seen from `from` (the lesson being read, if any): the
 * first unread lesson after it, else the first unread lesson before it, else the first
 * quiz not passed; never `from` itself. Null when every lesson is read and every quiz passed.
 */
export function nextStepFrom<T extends NextStepFacts>(steps: T[], from?: string): { step: T; todo: 'read' | 'quiz' } | null {
  const at = from ? steps.findIndex((s) => s.slug === from) : -1;
  const ordered = at >= 0 ? [...steps.slice(at + 1), ...steps.slice(0, at)] : steps;
  const others = ordered.filter((s) => s.slug !== from);
  const unread = others.find((s) => !s.read);
  if (unread) return { step: unread, todo: 'read' };
  const quiz = others.find((s) => s.hasQuiz && !s.quizPassed);
  return quiz ? { step: quiz, todo: 'quiz' } : null;
}
