import 'server-only';
import { getLibrary, renderCached, type Topic } from '@/lib/content';
import { hasMermaid } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { listLessonReads } from '@/lib/db/reviews';
import { quizResults } from '@/lib/db/quiz';
import { learnerDay } from './dates';

/** What a law or pillar page shows, for one learner. */
export function foundationView(kind: 'law' | 'pillar', id: string, userId: string) {
  const library = getLibrary();
  const topic = library.topics.get(`${kind === 'law' ? 'laws' : 'pillars'}/${id}`);
  if (!topic) return null;
  const field = kind === 'law' ? 'laws' : 'pillars';
  const patterns = library.patterns.filter((p) => (p.meta?.[field] as string[] | undefined)?.includes(id));
  const read = listLessonReads(db(), userId).find((r) => r.topicId === topic.id);
  const siblings = (kind === 'law' ? library.laws : library.pillars).map((t: Topic) => ({ href: t.href, label: t.title }));
  return {
    topic,
    patterns,
    siblings,
    readAt: read ? learnerDay(db(), userId, read.readAt) : null,
    quizResult: quizResults(db(), userId).get(topic.id),
    introHtml: topic.intro ? renderCached(`${topic.id}#intro`, topic.intro) : '',
    sections: topic.sections.map((s) => ({ id: s.id, title: s.title, html: renderCached(`${topic.id}#${s.id}`, s.markdown) })),
    hasDiagram: topic.sections.some((s) => hasMermaid(s.markdown)),
  };
}
