'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export interface LevelSection {
  id: string;
  title: string;
  html: string;
}

/** Enhanced lessons: one level at a time, tabs to jump, Previous/Next to climb, the level kept in the URL hash. */
export function LevelTabs({ sections, end }: { sections: LevelSection[]; end?: React.ReactNode }) {
  const [active, setActive] = useState(0);
  const panelRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // Follow #level-3-deep-dive or a heading anchor inside any level (e.g. #cdn-strategies).
  useEffect(() => {
    function fromHash() {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (!hash) return;
      const bySection = sections.findIndex((s) => s.id === hash);
      if (bySection >= 0) return setActive(bySection);
      const byAnchor = sections.findIndex((s) => s.html.includes(`id="${hash}"`));
      if (byAnchor >= 0) {
        setActive(byAnchor);
        requestAnimationFrame(() => document.getElementById(hash)?.scrollIntoView());
      }
    }
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [sections]);

  const go = useCallback(
    (i: number, focus: 'tab' | 'panel' | 'none' = 'none') => {
      const next = Math.max(0, Math.min(sections.length - 1, i));
      setActive(next);
      history.replaceState(null, '', `#${sections[next]!.id}`);
      if (focus === 'tab') tabRefs.current[next]?.focus();
      if (focus === 'panel') {
        panelRef.current?.focus();
        panelRef.current?.scrollIntoView({ block: 'start' });
      }
    },
    [sections],
  );

  function onTabKey(e: React.KeyboardEvent) {
    if (e.key === 'ArrowRight') go(active + 1, 'tab');
    else if (e.key === 'ArrowLeft') go(active - 1, 'tab');
    else if (e.key === 'Home') go(0, 'tab');
    else if (e.key === 'End') go(sections.length - 1, 'tab');
    else return;
    e.preventDefault();
  }

  const current = sections[active]!;
  // The lesson's end shows from its last level on (Level 5, and the quick reference after it).
  const lastLevel = sections.reduce((last, s, i) => (/^Level \d/.test(s.title) ? i : last), sections.length - 1);
  return (
    <div>
      <div role="tablist" aria-label="Lesson levels" className="level-tabs" onKeyDown={onTabKey}>
        {sections.map((s, i) => (
          <button
            key={s.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            role="tab"
            type="button"
            id={`tab-${s.id}`}
            aria-selected={i === active}
            aria-controls={`panel-${s.id}`}
            tabIndex={i === active ? 0 : -1}
            className="level-tab"
            onClick={() => go(i)}
          >
            {s.title.replace(/^Level (\d): /, '$1 · ')}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${current.id}`}
        aria-labelledby={`tab-${current.id}`}
        tabIndex={-1}
        ref={panelRef}
        className="prose"
      >
        <h2 id={current.id}>{current.title}</h2>
        <div dangerouslySetInnerHTML={{ __html: current.html }} />
      </div>
      {active >= lastLevel && end}
      <nav className="level-nav" aria-label="Level navigation">
        {active > 0 ? (
          <button type="button" className="btn" onClick={() => go(active - 1, 'panel')}>
            ← {sections[active - 1]!.title}
          </button>
        ) : (
          <span />
        )}
        {active < sections.length - 1 && (
          <button type="button" className="btn btn-primary" onClick={() => go(active + 1, 'panel')}>
            {sections[active + 1]!.title} →
          </button>
        )}
      </nav>
    </div>
  );
}
