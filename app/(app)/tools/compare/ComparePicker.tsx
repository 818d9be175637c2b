'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';

interface Hit {
  id: string;
  kind: string;
  title: string;
  href: string;
}

/** Chosen patterns as removable chips, and a search-as-you-type field to add one; the choice lives in the URL. */
export function ComparePicker({ selected, max }: { selected: { slug: string; title: string }[]; max: number }) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [active, setActive] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const request = useRef(0);

  const navigate = useCallback((slugs: string[]) => router.replace(`/tools/compare${slugs.length ? `?p=${slugs.join(',')}` : ''}`), [router]);

  const onQuery = (value: string) => {
    setQuery(value);
    setActive(0);
    if (timer.current) clearTimeout(timer.current);
    const id = ++request.current;
    if (!value.trim()) {
      setHits([]);
      return;
    }
    timer.current = setTimeout(async () => {
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(value.trim())}&limit=20`, { cache: 'no-store' });
        const body = (await res.json()) as { results?: Hit[] };
        if (id !== request.current) return;
        const chosen = new Set(selected.map((s) => s.slug));
        setHits((body.results ?? []).filter((h) => h.kind === 'pattern' && !chosen.has(h.id)).slice(0, 6));
      } catch {
        if (id === request.current) setHits([]);
      }
    }, 120);
  };

  const add = (slug: string) => {
    setQuery('');
    setHits([]);
    navigate([...selected.map((s) => s.slug), slug]);
  };

  const full = selected.length >= max;
  return (
    <div className="stack" style={{ gap: '0.6rem' }}>
      {selected.length > 0 && (
        <ul className="chips" aria-label="Patterns compared">
          {selected.map((s) => (
            <li key={s.slug} className="chip">
              {s.title}
              <button type="button" aria-label={`Remove ${s.title}`} onClick={() => navigate(selected.filter((x) => x.slug !== s.slug).map((x) => x.slug))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field combobox" style={{ marginBottom: 0 }}>
        <label htmlFor="compare-add">{full ? `At most ${max} patterns: remove one to add another` : 'Add a pattern'}</label>
        <input
          id="compare-add"
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="compare-options"
          aria-activedescendant={hits[active] ? `compare-opt-${hits[active].id}` : undefined}
          autoComplete="off"
          placeholder="Type a pattern's name"
          value={query}
          disabled={full}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, hits.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && hits[active]) {
              e.preventDefault();
              add(hits[active].id);
            } else if (e.key === 'Escape') {
              setHits([]);
            }
          }}
        />
        {hits.length > 0 && (
          <ul id="compare-options" role="listbox" className="combobox-list" aria-label="Patterns">
            {hits.map((h, i) => (
              <li
                key={h.id}
                id={`compare-opt-${h.id}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(h.id);
                }}
              >
                {h.title}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
