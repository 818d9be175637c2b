'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/dashboard', label: 'Today' },
  { href: '/review', label: 'Review' },
  { href: '/paths', label: 'Paths' },
  { href: '/patterns', label: 'Patterns' },
  { href: '/quiz', label: 'Quizzes' },
  { href: '/cards', label: 'Cards' },
  { href: '/teams', label: 'Teams' },
  { href: '/settings', label: 'Settings' },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={pathname === l.href || pathname.startsWith(`${l.href}/`) ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
