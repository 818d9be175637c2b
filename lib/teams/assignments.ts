import type { Library, Topic } from '@/lib/content';
import { pathSteps } from '@/lib/progress/steps';
import type { AssignedTopic } from './report';

export type AssignmentKind = 'path' | 'stages' | 'patterns';

export interface AssignmentTarget {
  kind: AssignmentKind;
  pathId: string | null;
  /** Stage indices (stages) or topic ids (patterns). */
  selection: (number | string)[] | null;
}

function toAssigned(topic: Topic): AssignedTopic {
  return { id: topic.id, title: topic.title, href: topic.href, cardIds: topic.cards.map((c) => c.id), hasQuiz: topic.questions.length > 0 };
}

/**
 * The patterns an assignment asks for, in study order, read from the content of this deploy
 * (a path that gains a step assigns it too); ids the library no longer has are skipped.
 */
export function assignedTopics(library: Library, target: AssignmentTarget): AssignedTopic[] {
  let ids: string[] = [];
  if (target.kind === 'patterns') ids = (target.selection ?? []).filter((x): x is string => typeof x === 'string');
  else {
    const path = library.paths.find((p) => p.id === target.pathId);
    if (!path) return [];
    const stages = target.kind === 'stages' ? new Set((target.selection ?? []).map(Number)) : null;
    const titles = path.stages.map((s) => s.title);
    ids = pathSteps(path)
      .filter((s) => !stages || stages.has(titles.indexOf(s.stage)))
      .map((s) => s.slug);
  }
  const seen = new Set<string>();
  const out: AssignedTopic[] = [];
  for (const id of ids) {
    const topic = library.topics.get(id);
    if (topic && !seen.has(id)) {
      seen.add(id);
      out.push(toAssigned(topic));
    }
  }
  return out;
}

export function assignmentTitle(library: Library, target: AssignmentTarget): string {
  const path = library.paths.find((p) => p.id === target.pathId);
  if (target.kind === 'path') return `${path?.title ?? target.pathId} path`;
  if (target.kind === 'stages') {
    const names = (target.selection ?? []).map((i) => path?.stages[Number(i)]?.title).filter(Boolean);
    return `${path?.title ?? target.pathId} path: ${names.join('; ')}`;
  }
  const titles = (target.selection ?? []).map((id) => library.topics.get(String(id))?.title).filter(Boolean) as string[];
  return titles.length <= 3 ? titles.join(', ') : `${titles.slice(0, 3).join(', ')} and ${titles.length - 3} more`;
}

/** A due date must be a real day after today (the admin's today) and within two years. */
export function dueDateProblem(date: string, today: string): string | null {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return 'Enter the due date as YYYY-MM-DD.';
  if (date <= today) return 'The due date has to be after today.';
  if (date > `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`) return 'Choose a due date within the next two years.';
  return null;
}
