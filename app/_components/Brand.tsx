import Link from 'next/link';

/**
 * The brand: a mark (three nodes, two links: a pattern of parts) and the name. The link's
 * accessible name is its visible text, "Patternwise" (on a phone the text is visually hidden,
 * not removed, so the name stays).
 */
export function Brand({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="brand">
      <BrandMark />
      <span className="brand-text">Patternwise</span>
    </Link>
  );
}

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <g stroke="var(--accent-text)" strokeWidth="2.4" strokeLinecap="round" fill="none">
        <path d="M10 22 L16 10 L22 22" />
      </g>
      <g fill="var(--accent-text)">
        <circle cx="16" cy="10" r="3.4" />
        <circle cx="10" cy="22" r="3.4" />
        <circle cx="22" cy="22" r="3.4" />
      </g>
    </svg>
  );
}
