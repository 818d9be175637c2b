import Link from 'next/link';

export function Brand({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="brand" aria-label="Patternwise home">
      <span className="brand-mark" aria-hidden="true">
        P
      </span>
      <span className="brand-text">Patternwise</span>
    </Link>
  );
}
