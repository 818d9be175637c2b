import 'server-only';
import type { Library } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import { CATEGORY_TITLES } from '@/lib/content/schema';
import type { Db } from '@/lib/db/client';
import { listCardStates } from '@/lib/db/reviews';
import { reviewLogsForExport } from '@/lib/db/portability';
import { ankiTag, buildApkg, type AnkiCard, type AnkiReview } from '@/lib/portability/anki';
import { reviewLogCsv } from '@/lib/portability/csv';

/** Every flashcard of the library as an Anki package, optionally with this learner's schedule. */
export async function ankiPackage(database: Db, library: Library, userId: string, options: { includeSchedule: boolean; baseUrl: string; now: Date }): Promise<Uint8Array> {
  const states = new Map((await listCardStates(database, userId)).map((r) => [r.itemId, r]));
  const logs = options.includeSchedule ? await reviewLogsForExport(database, userId) : [];
  const byItem = new Map<string, typeof logs>();
  for (const l of logs) byItem.set(l.itemId, [...(byItem.get(l.itemId) ?? []), l]);
  const base = options.baseUrl.replace(/\/$/, '');
  const cards: AnkiCard[] = [];
  const FOLDER_DECKS = { law: 'Laws', pillar: 'Pillars', 'case-study': 'Case studies', domain: 'Domains', combination: 'Combinations' } as Record<string, string>;
  for (const topic of [...library.patterns, ...library.laws, ...library.pillars, ...library.caseStudies, ...library.domains, ...library.combinations.map((c) => c.topic)]) {
    const category = topic.meta ? CATEGORY_TITLES[topic.meta.category] : (FOLDER_DECKS[topic.kind] ?? 'Patternwise');
    const tags = [`pattern::${topic.slug}`, `category::${ankiTag(category)}`, ...(topic.meta ? [`level::${topic.meta.level}`] : topic.caseStudy ? [`level::${topic.caseStudy.level}`, `kind::${topic.kind}`] : [`kind::${topic.kind}`])];
    for (const card of topic.cards) {
      const state = states.get(card.id);
      const history = byItem.get(card.id) ?? [];
      const reviews: AnkiReview[] = history.map((l, i) => {
        const next = history[i + 1];
        const days = next
          ? Math.round((next.review.getTime() - l.review.getTime()) / 86_400_000)
          : (state?.scheduledDays ?? 0);
        return { at: l.review, rating: l.rating, stateBefore: l.state, intervalDays: days, durationMs: l.durationMs };
      });
      cards.push({
        itemId: card.id,
        frontHtml: renderInline(card.front),
        backHtml: renderInline(card.back),
        patternTitle: topic.title,
        patternSlug: topic.slug,
        deck: category,
        tags,
        link: `${base}${topic.href}`,
        schedule: state
          ? {
              state: state.state,
              due: state.due,
              scheduledDays: state.scheduledDays,
              reps: state.reps,
              lapses: state.lapses,
              suspended: state.suspended,
              reviews: state.resetAt ? reviews.filter((r) => r.at > state.resetAt!) : reviews,
            }
          : null,
      });
    }
  }
  return buildApkg(cards, { now: options.now, includeSchedule: options.includeSchedule });
}

/** The learner's review log as CSV for the FSRS tools (flashcard and question reviews alike). */
export async function reviewsCsv(database: Db, userId: string): Promise<string> {
  return reviewLogCsv(await reviewLogsForExport(database, userId));
}
