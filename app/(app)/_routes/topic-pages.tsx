import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { foundationView, type FoundationKind } from '@/lib/study/foundation-view';
import { topicQuizView } from '@/lib/study/quiz-view';
import { FoundationPage } from '@/app/_components/FoundationPage';
import { QuizLanding } from '@/app/_components/QuizLanding';

/**
 * The routes /patterns/[slug]/quiz, /laws/[id](/quiz) and /pillars/[id](/quiz) differ only
 * in their URL prefix; these factories build them, each validating its param with zod.
 */
type Folder = 'patterns' | 'laws' | 'pillars' | 'case-studies' | 'domains';
type Params = { params: Promise<Record<string, string>> };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const topicId = (folder: Folder, s: string) => (folder === 'patterns' ? s : `${folder}/${s}`);
const paramOf = async (p: Params['params']) => Object.values(await p)[0] ?? '';

export function topicQuizPage(folder: Folder) {
  return async function TopicQuizPage({ params }: Params) {
    const raw = await paramOf(params);
    const user = await requireUser(`/${folder}/${raw}/quiz`);
    const parsed = slug.safeParse(raw);
    const view = parsed.success ? await topicQuizView(topicId(folder, parsed.data), user.id) : null;
    if (!view) notFound();
    return (
      <QuizLanding
        kind="topic"
        sourceId={view.topic.id}
        title={`${view.topic.title}: quiz`}
        backHref={view.topic.href}
        backLabel={view.topic.title}
        description={view.topic.summary}
        questionCount={view.topic.questions.length}
        best={view.best}
        open={view.open}
      />
    );
  };
}

const FOUNDATION: Record<Exclude<Folder, 'patterns'>, { kind: FoundationKind; eyebrow: string }> = {
  laws: { kind: 'law', eyebrow: 'Law · the constraints every pattern answers' },
  pillars: { kind: 'pillar', eyebrow: 'Pillar · how distributed systems divide the work' },
  'case-studies': { kind: 'case-study', eyebrow: 'Case study · a real system, told by its patterns' },
  domains: { kind: 'domain', eyebrow: 'Domain · the patterns of one system' },
};

export function foundationPage(folder: Exclude<Folder, 'patterns'>) {
  return async function FoundationRoute({ params }: Params) {
    const raw = await paramOf(params);
    const user = await requireUser(`/${folder}/${raw}`);
    const parsed = slug.safeParse(raw);
    const { kind, eyebrow } = FOUNDATION[folder];
    const view = parsed.success ? await foundationView(kind, parsed.data, user.id) : null;
    if (!view) notFound();
    const subtitle = view.topic.caseStudy ? ` · ${view.topic.caseStudy.level}` : view.topic.domain ? ` · ${view.topic.domain.system}` : '';
    return <FoundationPage kind={kind} eyebrow={`${eyebrow}${subtitle}`} {...view} />;
  };
}

export function topicMetadata(folder: Folder, suffix = '') {
  return async function generateMetadata({ params }: Params): Promise<Metadata> {
    const parsed = slug.safeParse(await paramOf(params));
    const topic = parsed.success ? getLibrary().topics.get(topicId(folder, parsed.data)) : undefined;
    return topic ? { title: `${topic.title}${suffix}`, description: topic.summary } : { title: 'Not found' };
  };
}
