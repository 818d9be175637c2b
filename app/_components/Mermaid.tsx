'use client';

import { useEffect } from 'react';

/**
 * Draws each `pre.mermaid` when it comes near the screen. The (large) mermaid bundle is
 * fetched only when a diagram is about to be seen, not on every lesson that has one; it is
 * served from our own build.
 */
export function Mermaid() {
  useEffect(() => {
    let cancelled = false;
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const waiting = new Set<HTMLElement>();
    let drawing: Promise<void> = Promise.resolve();

    function draw(nodes: HTMLElement[]) {
      drawing = drawing.then(async () => {
        const { default: mermaid } = await import('mermaid');
        if (cancelled) return;
        mermaid.initialize({ startOnLoad: false, theme: dark ? 'dark' : 'neutral', securityLevel: 'strict' });
        const fresh = nodes.filter((n) => n.isConnected && !n.hasAttribute('data-processed'));
        if (fresh.length) await mermaid.run({ nodes: fresh, suppressErrors: true });
      });
    }

    const visible = new IntersectionObserver(
      (entries) => {
        const near = entries.filter((e) => e.isIntersecting).map((e) => e.target as HTMLElement);
        for (const n of near) {
          visible.unobserve(n);
          waiting.delete(n);
        }
        if (near.length) draw(near);
      },
      { rootMargin: '400px 0px' },
    );
    function watch() {
      for (const n of document.querySelectorAll<HTMLElement>('pre.mermaid:not([data-processed])')) {
        if (!waiting.has(n)) {
          waiting.add(n);
          visible.observe(n);
        }
      }
    }
    watch();
    // Levels are swapped in place: watch diagrams that appear later too.
    const added = new MutationObserver(watch);
    added.observe(document.body, { childList: true, subtree: true });
    return () => {
      cancelled = true;
      added.disconnect();
      visible.disconnect();
    };
  }, []);
  return null;
}
