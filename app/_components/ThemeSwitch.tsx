import { cookies } from 'next/headers';
import { parseTheme, THEME_COOKIE } from '@/lib/ui/theme';
import { ThemeChoice } from './ThemeChoice';

/**
 * The theme switch (system / light / dark). The server reads the learner's choice from its
 * cookie, so the switch and the page (app/layout.tsx) arrive in agreement, with no script
 * before paint. `compact` is one button that steps through the three (the header); `full` shows all three
 * as radios with their names (settings).
 */
export async function ThemeSwitch({ variant = 'compact' }: { variant?: 'compact' | 'full' }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return <ThemeChoice initial={theme} variant={variant} />;
}
