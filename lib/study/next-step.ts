import type { Library } from '@/lib/content';

export interface NextStep {
  pathId: string;
  pathTitle: string;
  href: string;
  title: string;
  done: number;
  total: number;
}

/**
 * The learner's next unread step on a path (the lesson to read next), or null when the path
 * has no content or every step is read.
 */
export function nextPathStep(library: Library, pathId: string, readTopicIds: Set<string>): NextStep | null {
  const path = library.paths.find((p) => p.id === pathId);
  if (!path) return null;
  const steps = path.stages.flatMap((s) => s.patterns);
  const slugs = steps.map((ref) => ref.split('#')[0]!);
  const done = new Set(slugs.filter((s) => readTopicIds.has(s))).size;
  const total = new Set(slugs).size;
  for (const ref of steps) {
    const [slug = '', anchor] = ref.split('#');
    if (readTopicIds.has(slug)) continue;
    const topic = library.topics.get(slug);
    if (!topic) continue;
    return { pathId: path.id, pathTitle: path.title, href: `${topic.href}${anchor ? `#${anchor}` : ''}`, title: topic.title, done, total };
  }
  return null;
}
