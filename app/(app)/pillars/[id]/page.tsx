import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { foundationView } from '@/lib/study/foundation-view';
import { FoundationPage } from '@/app/_components/FoundationPage';

const params = z.object({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });

export async function generateMetadata({ params: p }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const parsed = params.safeParse(await p);
  const topic = parsed.success ? getLibrary().topics.get(`pillars/${parsed.data.id}`) : undefined;
  return topic ? { title: topic.title, description: topic.summary } : { title: 'Not found' };
}

export default async function PillarPage({ params: p }: { params: Promise<{ id: string }> }) {
  const raw = await p;
  const user = await requireUser(`/pillars/${raw.id}`);
  const parsed = params.safeParse(raw);
  const view = parsed.success ? foundationView('pillar', parsed.data.id, user.id) : null;
  if (!view) notFound();
  return <FoundationPage eyebrow="Pillar · how distributed systems divide the work" {...view} />;
}
