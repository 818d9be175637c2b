'use client';

import { Search } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';

/** The palette's code (cmdk, Radix dialog) arrives on first open, not with every page. */
const SearchDialog = dynamic(() => import('./SearchDialog'), { ssr: false });

/** True when a key press belongs to a text field, not to the page's shortcuts. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Search everywhere: the header's search button, and Ctrl+K / Cmd+K or `/` on every page,
 * open the search palette (SearchDialog).
 */
export function SearchPalette() {
  const [open, setOpen] = useState(false);
  // Mounted from the first open on, so closing keeps the query and reopening is instant.
  const [wanted, setWanted] = useState(false);
  const show = (next: boolean) => {
    if (next) setWanted(true);
    setOpen(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        setWanted(true);
        setOpen((o) => !o);
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        setWanted(true);
        setOpen(true);
      }
    };
    // Fetch the palette's code when the browser is idle, so the first open does not wait for it.
    const idle = 'requestIdleCallback' in window ? window.requestIdleCallback(() => void import('./SearchDialog')) : undefined;
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, []);

  return (
    <>
      <button type="button" className="search-button" onClick={() => show(true)} aria-label="Search the library" data-testid="search-button">
        <Search aria-hidden="true" size={18} />
        <span className="search-button-label">Search</span>
        <kbd className="kbd search-button-kbd">Ctrl K</kbd>
      </button>
      {wanted && <SearchDialog open={open} onOpenChange={show} />}
    </>
  );
}
