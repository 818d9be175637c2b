import { currentUser } from '@/lib/auth/session';
import { Brand } from '@/app/_components/Brand';
import { NavLinks } from '@/app/_components/NavLinks';
import { SearchPalette } from '@/app/_components/SearchPalette';
import { SignOutButton } from '@/app/_components/SignOutButton';
import { ThemeSwitch } from '@/app/_components/ThemeSwitch';

export const dynamic = 'force-dynamic';

/** The signed-in shell. Pages below still check the user themselves (layouts do not guard actions). */
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
          <SearchPalette />
          <div className="account">
            <span>{user.name || user.email}</span>
            <ThemeSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="main" id="main">
        {children}
      </main>
    </>
  );
}
