import Link from 'next/link';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getLibrary } from '@/lib/content';
import { renderInline } from '@/lib/content/markdown';
import { CATEGORIES, CATEGORY_TITLES } from '@/lib/content/schema';
import { db } from '@/lib/db/client';
import { cramScope, cramSession, UnknownScopeError } from '@/lib/study/cram';
import { CramSession, type CramItemView } from './CramSession';

export const metadata: Metadata = { title: 'Cram' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CramPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/review/cram');
  const library = getLibrary();
  const params = await searchParams;
  const chosen = params.path !== undefined || params.category !== undefined || params.patterns !== undefined;
  const parsed = cramScope.safeParse(params);
  let error = chosen && !parsed.success ? (parsed.error.issues[0]?.message ?? 'Choose what to cram.') : '';

  let session: Awaited<ReturnType<typeof cramSession>> | null = null;
  if (parsed.success) {
    try {
      session = await cramSession(db(), library, user.id, parsed.data, new Date());
    } catch (e) {
      if (!(e instanceof UnknownScopeError)) throw e;
      error = e.message;
    }
  }
  if (session) {
    const items: CramItemView[] = session.items.flatMap((q): CramItemView[] => {
      const entry = library.items.get(q.itemId);
      if (!entry) return [];
      const base = { itemId: q.itemId, topicTitle: entry.topic.title, topicHref: entry.topic.href, retrievability: q.retrievability };
      if (entry.card) return [{ ...base, kind: 'card', frontHtml: renderInline(entry.card.front), backHtml: renderInline(entry.card.back), options: [] }];
      const question = entry.question!;
      return [
        {
          ...base,
          kind: 'question',
          frontHtml: renderInline(question.prompt),
          backHtml: '',
          options: question.options.map((o) => ({ html: renderInline(o.text), whyHtml: renderInline(o.why), correct: Boolean(o.correct) })),
        },
      ];
    });
    return <CramSession title={session.title} items={items} />;
  }

  const byCategory = CATEGORIES.map((c) => ({ id: c, title: CATEGORY_TITLES[c], patterns: library.patterns.filter((p) => p.meta?.category === c) })).filter(
    (c) => c.patterns.length > 0,
  );
  return (
    <div className="narrow stack" style={{ margin: '0 auto' }}>
      <p className="muted" style={{ marginBottom: 0 }}>
        <Link href="/dashboard">← Today</Link>
      </p>
      <h1>Cram</h1>
      <p className="lesson-summary">
        Before an interview: go through every card and question of a path, a category or the patterns you choose, weakest first. Cramming does not
        change your schedule; its answers show apart in your statistics and never train your parameters.
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <form method="get" className="panel stack" aria-labelledby="cram-path">
        <h2 id="cram-path" style={{ margin: 0 }}>
          A path
        </h2>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="path">Path</label>
          <select id="path" name="path" defaultValue={library.paths[0]?.id}>
            {library.paths.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          Cram this path
        </button>
      </form>
      <form method="get" className="panel stack" aria-labelledby="cram-category">
        <h2 id="cram-category" style={{ margin: 0 }}>
          A category
        </h2>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="category">Category</label>
          <select id="category" name="category">
            {byCategory.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.patterns.length})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          Cram this category
        </button>
      </form>
      <form method="get" className="panel stack" aria-labelledby="cram-patterns">
        <h2 id="cram-patterns" style={{ margin: 0 }}>
          Some patterns
        </h2>
        {byCategory.map((c) => (
          <fieldset key={c.id} className="cram-patterns">
            <legend>{c.title}</legend>
            {c.patterns.map((p) => (
              <label key={p.id}>
                <input type="checkbox" name="patterns" value={p.id} /> {p.title}
              </label>
            ))}
          </fieldset>
        ))}
        <button type="submit" className="btn btn-primary">
          Cram these patterns
        </button>
      </form>
    </div>
  );
}
