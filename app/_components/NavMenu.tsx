'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Building2, Columns3, Combine, Compass, Menu, Rows3, Scale, Settings, Timer, Users, X } from 'lucide-react';
import { isCurrent, type Section } from './NavLinks';

interface Group {
  title: string;
  links: (Section & { phoneOnly?: boolean })[];
}

/** Everything that is not a main section, one tap away from the menu button on every screen. */
export const MENU_GROUPS: Group[] = [
  {
    title: 'Study',
    links: [
      { href: '/cards', label: 'Cards', icon: Rows3, phoneOnly: true },
      { href: '/review/cram', label: 'Cram session', icon: Timer },
      { href: '/practice/contrasts', label: 'Contrast drills', icon: Scale },
    ],
  },
  {
    title: 'Tools',
    links: [
      { href: '/tools/selector', label: 'Pattern selector', icon: Compass },
      { href: '/tools/compare', label: 'Compare patterns', icon: Columns3 },
      { href: '/tools/combinations', label: 'Combinations', icon: Combine },
    ],
  },
  {
    title: 'Library',
    links: [{ href: '/case-studies', label: 'Case studies', icon: Building2 }],
  },
  {
    title: 'You',
    links: [
      { href: '/teams', label: 'Teams', icon: Users },
      { href: '/settings', label: 'Settings', icon: Settings },
    ],
  },
];

/**
 * The menu button at the right of the header: a disclosure (aria-expanded) whose panel holds
 * the sections that are not in the main navigation and the account (who is signed in, then
 * `children`: the account's controls, such as Sign out). Opening focuses the first link;
 * Escape, a tap outside, leaving the panel with Tab or following a link closes it, and Escape
 * gives focus back to the button.
 */
export function NavMenu({ account, children }: { account: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // Open on the page it was opened on: following any link (a new pathname) closes it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const close = useCallback((refocus: boolean) => {
    setOpenAt(null);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('a, button, input, select')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(true);
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close]);

  return (
    <div
      className="nav-menu"
      ref={root}
      onBlur={(e) => {
        // Tab moved focus out of the button and the panel: the menu closes behind it.
        if (open && e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) setOpenAt(null);
      }}
    >
      <button
        ref={button}
        type="button"
        className="nav-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenAt(open ? null : pathname)}
        data-testid="menu-button"
      >
        {open ? <X aria-hidden="true" size={20} /> : <Menu aria-hidden="true" size={20} />}
        <span>Menu</span>
      </button>
      {/* On a phone the open menu dims the page; a tap on it closes the menu and does nothing else. */}
      <div className="nav-menu-backdrop" hidden={!open} onClick={() => close(false)} aria-hidden="true" />
      <div ref={panel} id={panelId} className="nav-menu-panel" hidden={!open}>
        <nav aria-label="More">
          {MENU_GROUPS.map((g) => (
            <div key={g.title} className="nav-menu-group">
              <div className="nav-menu-title" id={`${panelId}-${g.title}`}>
                {g.title}
              </div>
              <ul aria-labelledby={`${panelId}-${g.title}`}>
                {g.links.map((l) => {
                  const Icon = l.icon;
                  return (
                    <li key={l.href} className={l.phoneOnly ? 'nav-phone-only' : undefined}>
                      <Link href={l.href} aria-current={isCurrent(pathname, l.href) ? 'page' : undefined} onClick={() => setOpenAt(null)}>
                        <Icon aria-hidden="true" size={18} />
                        {l.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
        <div className="nav-menu-account">
          <p className="nav-menu-who">
            Signed in as <strong>{account}</strong>
          </p>
          <div className="nav-menu-account-actions">{children}</div>
        </div>
      </div>
    </div>
  );
}
