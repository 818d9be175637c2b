'use client';

import { Command } from 'cmdk';
import { Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

interface Result {
  id: string;
  kind: string;
  title: string;
  context: string;
  href: string;
}

/** True when a key press belongs to a text field, not to the page's shortcuts. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Search everywhere: a command palette that opens with Ctrl+K / Cmd+K or `/` on every page,
 * and from the header's search button. Arrows move, Enter opens, Esc closes (cmdk's
 * accessible combobox in a Radix dialog). Results come from /api/search, ranked on the server.
 */
export function SearchPalette() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Result[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const request = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

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
      setOpen(false);
      onQuery('');
      router.push(href);
    },
    [router, onQuery],
  );

  return (
    <>
      <button type="button" className="search-button" onClick={() => setOpen(true)} aria-label="Search the library" data-testid="search-button">
        <Search aria-hidden="true" size={18} />
        <span className="search-button-label">Search</span>
        <kbd className="kbd search-button-kbd">Ctrl K</kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Search the library"
        shouldFilter={false}
        overlayClassName="palette-overlay"
        contentClassName="palette"
      >
        <Command.Input value={query} onValueChange={onQuery} placeholder="Search patterns, laws, case studies, flashcards…" className="palette-input" />
        <Command.List className="palette-list">
          {state === 'error' && <div className="palette-note">Search is not answering; try again.</div>}
          {query.trim() && state === 'idle' && results.length === 0 && <Command.Empty className="palette-note">Nothing matches “{query.trim()}”.</Command.Empty>}
          {!query.trim() && <div className="palette-note">
              Type a pattern, a problem or a word from a flashcard.<span className="key-hint"> Enter opens, Esc closes.</span>
            </div>}
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
    </>
  );
}
