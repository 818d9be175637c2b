import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { parseTheme, THEME_COLORS, THEME_COOKIE, themeAttribute } from '@/lib/ui/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Patternwise', template: '%s · Patternwise' },
  description: 'Learn the distributed-systems patterns and keep them: lessons, quizzes and flashcards scheduled with FSRS.',
};

// Every page renders per request: the CSP nonce (proxy.ts) is new each time, and Next puts it
// on its scripts only while rendering.
export const dynamic = 'force-dynamic';

/** The learner's theme, from its cookie (lib/ui/theme.ts): what the page is drawn in from the first byte. */
async function theme() {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}

export async function generateViewport(): Promise<Viewport> {
  const chosen = await theme();
  return {
    width: 'device-width',
    initialScale: 1,
    themeColor:
      chosen === 'system'
        ? [
            { media: '(prefers-color-scheme: light)', color: THEME_COLORS.light },
            { media: '(prefers-color-scheme: dark)', color: THEME_COLORS.dark },
          ]
        : THEME_COLORS[chosen],
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" data-theme={themeAttribute(await theme())}>
      <body>{children}</body>
    </html>
  );
}
