'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { BookOpen, House, Layers, ListChecks, Route, Rows3, type LucideIcon } from 'lucide-react';

export interface Section {
  href: string;
  label: string;
  icon: LucideIcon;
}

/**
 * The main sections: a row of links in the header on wide screens, a bottom tab bar on a
 * phone (CSS moves the same list). Cards does not fit the tab bar; on a phone it is in the menu.
 */
export const MAIN_SECTIONS: (Section & { wideOnly?: boolean })[] = [
  { href: '/dashboard', label: 'Today', icon: House },
  { href: '/review', label: 'Review', icon: Layers },
  { href: '/paths', label: 'Paths', icon: Route },
  { href: '/patterns', label: 'Patterns', icon: BookOpen },
  { href: '/quiz', label: 'Quizzes', icon: ListChecks },
  { href: '/cards', label: 'Cards', icon: Rows3, wideOnly: true },
];

/** True when `pathname` is the section at `href` or a page below it. */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="main-nav">
      <ul className="nav">
        {MAIN_SECTIONS.map((l) => {
          const Icon = l.icon;
          return (
            <li key={l.href} className={l.wideOnly ? 'nav-wide-only' : undefined}>
              <Link href={l.href} aria-current={isCurrent(pathname, l.href) ? 'page' : undefined}>
                <Icon className="nav-icon" aria-hidden="true" size={22} strokeWidth={2} />
                <span className="nav-label">{l.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
