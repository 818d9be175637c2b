import { currentUser } from '@/lib/auth/session';
import { Brand } from '@/app/_components/Brand';
import { NavLinks } from '@/app/_components/NavLinks';
import { NavMenu } from '@/app/_components/NavMenu';
import { SearchPalette } from '@/app/_components/SearchPalette';
import { SignOutButton } from '@/app/_components/SignOutButton';
import { ThemeSwitch } from '@/app/_components/ThemeSwitch';

export const dynamic = 'force-dynamic';

/**
 * The signed-in shell. Pages below still check the user themselves (layouts do not guard actions).
 * Header: brand, the main sections (a bottom tab bar on a phone), search, and the menu with the
 * other sections and the account; the account's controls (Sign out, and beside it any other
 * account-wide control) go in NavMenu's children.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Signed out: render only the page, whose own requireUser() redirects with the right callbackUrl.
  const user = await currentUser();
  if (!user) return <>{children}</>;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Brand href="/dashboard" />
          <NavLinks />
          <div className="topbar-end">
            <SearchPalette />
            <ThemeSwitch />
            <NavMenu account={user.name || user.email}>
              <SignOutButton />
            </NavMenu>
          </div>
        </div>
      </header>
      <main className="main" id="main">
        {children}
      </main>
    </>
  );
}
