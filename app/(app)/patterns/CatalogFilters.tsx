'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { catalogHref, MASTERY_BAND_LABELS, MASTERY_BANDS, type CatalogQuery } from '@/lib/content/catalog-filter';

const FILTER_KEYS: string[] = ['category', 'level', 'status', 'mastery'];

type Option = { value: string; label: string };

/**
 * The catalog's filters: a plain GET form (works without JavaScript), which with JavaScript
 * applies each change at once and keeps the state in the URL so a filtered list can be shared.
 */
export function CatalogFilters({ query, categories, levels, shown, total }: { query: CatalogQuery; categories: Option[]; levels: Option[]; shown: number; total: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const apply = (form: HTMLFormElement) => {
    // The selects offer only valid values, and the server checks the URL again (no zod here: its
    // first parse in a browser probes `new Function`, which the CSP refuses).
    const query = Object.fromEntries([...new FormData(form)].filter(([k, v]) => FILTER_KEYS.includes(k) && typeof v === 'string' && v !== '')) as CatalogQuery;
    startTransition(() => router.replace(catalogHref(query), { scroll: false }));
  };
  const selects: { name: keyof CatalogQuery; label: string; options: Option[] }[] = [
    { name: 'category', label: 'Category', options: categories },
    { name: 'level', label: 'Level', options: levels },
    {
      name: 'status',
      label: 'Lesson',
      options: [
        { value: 'unread', label: 'Not read yet' },
        { value: 'read', label: 'Read' },
      ],
    },
    { name: 'mastery', label: 'Mastery', options: MASTERY_BANDS.map((b) => ({ value: b, label: MASTERY_BAND_LABELS[b] })) },
  ];
  const filtered = Object.values(query).some(Boolean);
  return (
    <form
      method="get"
      action="/patterns"
      className="panel catalog-filters"
      aria-label="Filter patterns"
      onChange={(e) => apply(e.currentTarget)}
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget);
      }}
    >
      {selects.map((s) => (
        <div className="field" key={s.name}>
          <label htmlFor={`filter-${s.name}`}>{s.label}</label>
          {/* keyed by the URL's value so Back/Forward and "Clear" reset the control */}
          <select id={`filter-${s.name}`} name={s.name} defaultValue={query[s.name] ?? ''} key={query[s.name] ?? ''}>
            <option value="">Any</option>
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="catalog-filters-actions">
        <noscript>
          <button className="btn" type="submit">
            Filter
          </button>
        </noscript>
        <p className="muted" role="status" aria-live="polite" data-testid="filter-count">
          {pending ? 'Filtering…' : filtered ? `${shown} of ${total} lessons match` : `${total} lessons`}
        </p>
        {filtered && <Link href="/patterns">Clear filters</Link>}
      </div>
    </form>
  );
}
