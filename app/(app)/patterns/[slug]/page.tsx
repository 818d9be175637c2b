import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary, renderCached } from '@/lib/content';
import { CATEGORY_TITLES } from '@/lib/content/schema';
import { hasMermaid } from '@/lib/content/markdown';
import { db } from '@/lib/db/client';
import { LessonView, TopicLinks } from '@/app/_components/LessonView';
import { LevelBadge } from '@/app/_components/LevelBadge';
import { MarkReadButton } from '@/app/_components/MarkReadButton';
import { QuizStatus } from '@/app/_components/QuizStatus';
import { learnerProgress } from '@/lib/study/progress';
import { studyDay } from '@/lib/srs/day';
import { MasteryBar } from '@/app/_components/MasteryBar';
import { LessonEnd } from '@/app/_components/LessonEnd';
import { nextPathStep } from '@/lib/study/next-step';

const params = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });

function findTopic(slug: string) {
  const parsed = params.safeParse({ slug });
  if (!parsed.success) return null;
  const topic = getLibrary().topics.get(parsed.data.slug);
  return topic?.kind === 'pattern' ? topic : null;
}

export async function generateMetadata({ params: p }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const topic = findTopic((await p).slug);
  return topic ? { title: topic.title, description: topic.summary } : { title: 'Not found' };
}

export default async function PatternPage({ params: p }: { params: Promise<{ slug: string }> }) {
  const { slug } = await p;
  const user = await requireUser(`/patterns/${slug}`);
  const topic = findTopic(slug);
  if (!topic || !topic.meta) notFound();
  const library = getLibrary();
  const meta = topic.meta;
  // One read of the learner's state serves the read date, the quiz result and the mastery.
  const progress = await learnerProgress(db(), library, user.id, new Date());
  const facts = progress.facts(topic.id)!;
  const readAt = progress.reads.get(topic.id);

  const titleOf = (s: string) =>
    library.topics.get(s)?.title ?? library.catalog.find((c) => c.slug === s)?.title ?? s;
  // The case studies that show this pattern at work, and the domain overview it belongs to.
  const seenIn = library.caseStudies.filter((c) => c.caseStudy!.patterns.includes(topic.slug));
  const domain = meta.subgroup ? library.domains.find((d) => d.domain!.subgroup === meta.subgroup) : undefined;
  const linkOf = (s: string) => ({ href: library.topics.has(s) ? `/patterns/${s}` : null, label: titleOf(s) });
  const sections = topic.sections.map((s) => ({ id: s.id, title: s.title, html: renderCached(`${topic.id}#${s.id}`, s.markdown) }));
  const diagram = topic.sections.some((s) => hasMermaid(s.markdown));
  const readDay = readAt ? studyDay(readAt, progress.settings.day) : null;
  const quiz = { href: `${topic.href}/quiz`, questionCount: topic.questions.length, result: progress.quizzes.get(topic.id) };

  return (
    <LessonView
      eyebrow={
        <>
          {CATEGORY_TITLES[meta.category]}
          {meta.subgroup ? ` · ${meta.subgroup}` : ''}
        </>
      }
      title={topic.title}
      summary={topic.summary}
      badges={
        <>
          <LevelBadge level={meta.level} />
          {topic.enhanced && <span className="badge badge-star">★ 5 levels</span>}
          <span className="badge">{meta.reading_minutes} min read</span>
          <span className="badge">{topic.cards.length} cards</span>
          {facts.cardsIntroduced > 0 && <MasteryBar value={facts.mastery} />}
        </>
      }
      introHtml={topic.intro ? renderCached(`${topic.id}#intro`, topic.intro) : ''}
      sections={sections}
      stepped={topic.enhanced}
      hasDiagram={diagram}
      end={
        <LessonEnd
          topicId={topic.id}
          readAt={readDay}
          cardCount={topic.cards.length}
          quiz={quiz}
          next={await nextPathStep(db(), library, user.id, topic.id)}
        />
      }
      aside={
        <>
          <div className="aside-actions">
            <MarkReadButton topicId={topic.id} readAt={readDay} cardCount={topic.cards.length} />
            <QuizStatus {...quiz} />
          </div>
          {domain && <TopicLinks title="Part of" items={[{ href: domain.href, label: domain.title }]} />}
          <TopicLinks title="Learn first" items={meta.prerequisites.map(linkOf)} />
          <TopicLinks title="Related" items={meta.related.map(linkOf)} />
          <TopicLinks
            title="Laws"
            items={meta.laws.map((l) => ({
              href: library.topics.has(`laws/${l}`) ? `/laws/${l}` : null,
              label: library.topics.get(`laws/${l}`)?.title ?? l.replace(/-/g, ' '),
            }))}
          />
          <TopicLinks title="Seen in" items={seenIn.map((c) => ({ href: c.href, label: c.title }))} />
          <TopicLinks
            title="Often confused with"
            items={library.contrasts
              .filter((c) => c.patterns.includes(topic.slug))
              .map((c) => ({ href: c.topic.href, label: c.title }))}
          />
          <TopicLinks
            title="Combinations"
            items={library.combinations
              .filter((c) => c.patterns.includes(topic.slug))
              .map((c) => ({ href: c.topic.href, label: c.kind === 'conflict' ? `${c.title} (works against)` : c.title }))}
          />
          <TopicLinks
            title="Pillars"
            items={meta.pillars.map((l) => ({
              href: library.topics.has(`pillars/${l}`) ? `/pillars/${l}` : null,
              label: library.topics.get(`pillars/${l}`)?.title ?? l,
            }))}
          />
        </>
      }
    />
  );
}
