'use client';

import { useEffect } from 'react';
import { isDark, parseTheme } from '@/lib/ui/theme';

/**
 * Draws every `pre.mermaid` on the page. The (large) mermaid bundle is fetched only once a
 * diagram comes near the screen, not on every lesson that has one further down or on
 * another level; it is served from our own build. Once loaded, it draws all the page's
 * diagrams, and those that appear later (levels are swapped in place).
 */
export function Mermaid() {
  useEffect(() => {
    let cancelled = false;
    let loaded = false;
    // The theme switch's choice (<html data-theme>) wins over the OS's.
    const dark = isDark(parseTheme(document.documentElement.dataset.theme), window.matchMedia('(prefers-color-scheme: dark)').matches);
    let running = false;
    async function draw() {
      if (running) return;
      running = true;
      try {
        const { default: mermaid } = await import('mermaid');
        loaded = true;
        if (cancelled) return;
        mermaid.initialize({
          startOnLoad: false,
          theme: dark ? 'dark' : 'neutral',
          // The dark theme's edge labels (#ccc on #585858) miss 4.5:1; on the card surface they pass.
          ...(dark ? { themeVariables: { edgeLabelBackground: '#20212d' } } : {}),
          securityLevel: 'strict',
        });
        const nodes = Array.from(document.querySelectorAll<HTMLElement>('pre.mermaid:not([data-processed])'));
        if (nodes.length) await mermaid.run({ nodes, suppressErrors: true });
      } finally {
        running = false;
      }
    }
    const near = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          near.disconnect();
          void draw();
        }
      },
      { rootMargin: '400px 0px' },
    );
    const watch = () => {
      if (loaded) return void draw();
      for (const n of document.querySelectorAll<HTMLElement>('pre.mermaid:not([data-processed])')) near.observe(n);
    };
    watch();
    const added = new MutationObserver(watch);
    added.observe(document.body, { childList: true, subtree: true });
    return () => {
      cancelled = true;
      near.disconnect();
      added.disconnect();
    };
  }, []);
  return null;
}
