'use client';

import { Command } from 'cmdk';
import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';

interface Result {
  id: string;
  kind: string;
  title: string;
  context: string;
  href: string;
}

/**
 * The search palette itself: cmdk's accessible combobox in a Radix dialog. Arrows move,
 * Enter opens, Esc closes. Results come from /api/search, ranked on the server. Loaded only
 * when the learner first opens search (SearchPalette), so pages do not ship cmdk up front.
 */
export default function SearchDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Result[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const request = useRef(0);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Searches as the learner types, a moment after the last key; a late answer to an old query is dropped.
  const onQuery = useCallback((value: string) => {
    setQuery(value);
    if (timer.current) clearTimeout(timer.current);
    const q = value.trim();
    const id = ++request.current;
    if (!q) {
      setResults([]);
      setState('idle');
      return;
    }
    setState('loading');
    timer.current = setTimeout(async () => {
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(q)}`, { cache: 'no-store' });
        const body = (await res.json()) as { results?: Result[] };
        if (id !== request.current) return;
        setResults(res.ok ? (body.results ?? []) : []);
        setState(res.ok ? 'idle' : 'error');
      } catch {
        if (id === request.current) setState('error');
      }
    }, 120);
  }, []);

  const go = useCallback(
    (href: string) => {
      onOpenChange(false);
      onQuery('');
      router.push(href);
    },
    [router, onQuery, onOpenChange],
  );

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label="Search the library"
      shouldFilter={false}
      overlayClassName="palette-overlay"
      contentClassName="palette"
    >
      <Command.Input value={query} onValueChange={onQuery} placeholder="Search patterns, laws, case studies, flashcards…" className="palette-input" />
      <Command.List className="palette-list">
        {state === 'error' && <div className="palette-note">Search is not answering; try again.</div>}
        {query.trim() && state === 'idle' && results.length === 0 && <Command.Empty className="palette-note">Nothing matches “{query.trim()}”.</Command.Empty>}
        {!query.trim() && (
          <div className="palette-note">
            Type a pattern, a problem or a word from a flashcard.<span className="key-hint"> Enter opens, Esc closes.</span>
          </div>
        )}
        {results.map((r) => (
          <Command.Item key={r.id} value={r.id} onSelect={() => go(r.href)} className="palette-item" data-testid="search-result">
            <span className="palette-title">{r.title}</span>
            <span className="palette-meta">
              <span className="badge">{r.kind}</span> {r.context}
            </span>
          </Command.Item>
        ))}
      </Command.List>
    </Command.Dialog>
  );
}
