import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Patternwise', template: '%s · Patternwise' },
  description: 'Learn the distributed-systems patterns and keep them: lessons, quizzes and flashcards scheduled with FSRS.',
};

// Every page renders per request: the CSP nonce (proxy.ts) is new each time, and Next puts it
// on its scripts only while rendering.
export const dynamic = 'force-dynamic';

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f7f5' },
    { media: '(prefers-color-scheme: dark)', color: '#111317' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
