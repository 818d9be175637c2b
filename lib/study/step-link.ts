/** Where "Continue" takes a learner for a step: the part of it they have not done yet. */
export function continueHref(step: { href: string; todo: 'read' | 'quiz' | 'cards' | 'done'; slug: string }): string {
  if (step.todo === 'quiz') return `/patterns/${step.slug}/quiz`;
  if (step.todo === 'cards') return '/review';
  return step.href;
}

export const TODO_LABEL = { read: 'Read the lesson', quiz: 'Pass the quiz', cards: 'Learn its cards', done: 'Done' } as const;
