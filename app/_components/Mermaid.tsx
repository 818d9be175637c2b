'use client';

import { useEffect } from 'react';

/**
 * Draws every `pre.mermaid` on the page. Rendered only on pages that have a diagram, so
 * the (large) mermaid bundle is fetched only there; it is served from our own build.
 */
export function Mermaid() {
  useEffect(() => {
    let cancelled = false;
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    let running = false;
    async function draw() {
      if (running) return;
      running = true;
      try {
        const { default: mermaid } = await import('mermaid');
        if (cancelled) return;
        mermaid.initialize({ startOnLoad: false, theme: dark ? 'dark' : 'neutral', securityLevel: 'strict' });
        const nodes = Array.from(document.querySelectorAll<HTMLElement>('pre.mermaid:not([data-processed])'));
        if (nodes.length) await mermaid.run({ nodes, suppressErrors: true });
      } finally {
        running = false;
      }
    }
    void draw();
    // Levels are swapped in place; draw diagrams that appear later too.
    const observer = new MutationObserver(() => void draw());
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, []);
  return null;
}
