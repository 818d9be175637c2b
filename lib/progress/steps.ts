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
