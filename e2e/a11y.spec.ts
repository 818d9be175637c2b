import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { answer, expect, quizFile, signUp, test } from './fixtures';

/**
 * axe-core on every page type, at 1280 and 390 px, in light and dark (the emulated OS
 * scheme), signed in and, for the public pages, signed out. Any serious or critical
 * violation fails, listed by page, rule and element. One learner is prepared once (a lesson
 * read so /review shows a card, a quiz in progress, a quiz finished) and each variant reuses
 * one signed-in context.
 */

const VARIANTS = [
  { name: 'desktop light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'desktop dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: 'phone light', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
  { name: 'phone dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
] as const;

type Visit = { name: string; path: string; ready?: (page: Page) => Promise<void> };

const SIGNED_OUT: Visit[] = [
  { name: 'landing', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'sign-up', path: '/sign-up' },
  { name: 'not found', path: '/no-such-page' },
];

function signedIn(quizInProgress: string, quizResult: string): Visit[] {
  return [
    { name: 'dashboard', path: '/dashboard' },
    {
      name: 'review with a card, answer shown',
      path: '/review',
      ready: async (page) => {
        await expect(page.getByTestId('flashcard')).toBeVisible();
        await page.keyboard.press('Space');
        await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeVisible();
      },
    },
    { name: 'cram', path: '/review/cram' },
    { name: 'paths', path: '/paths' },
    { name: 'a path', path: '/paths/beginner' },
    { name: 'patterns catalog', path: '/patterns' },
    { name: 'five-level lesson', path: '/patterns/timeout' },
    { name: 'standard lesson', path: '/patterns/anti-entropy' },
    { name: 'law', path: '/laws/correlated-failure' },
    { name: 'pillar', path: '/pillars/truth' },
    { name: 'case study', path: '/case-studies/amazon-dynamo' },
    { name: 'domain', path: '/domains/location' },
    { name: 'quiz list', path: '/quiz' },
    { name: 'quiz in progress', path: quizInProgress, ready: (page) => expect(page.getByTestId('quiz-question')).toBeVisible() },
    { name: 'quiz result', path: quizResult, ready: (page) => expect(page.getByTestId('quiz-score')).toBeVisible() },
    { name: 'interview', path: '/quiz/interview' },
    { name: 'cards', path: '/cards' },
    { name: 'settings', path: '/settings' },
    { name: 'teams', path: '/teams' },
    { name: 'pattern selector', path: '/tools/selector?problems=cascading-failure&maturity=low' },
    { name: 'compare', path: '/tools/compare?p=saga,two-phase-commit' },
    { name: 'combinations', path: '/tools/combinations' },
    { name: 'contrast drills', path: '/practice/contrasts' },
    { name: 'not found, signed in', path: '/no-such-page' },
  ];
}

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // Experimental in axe, and named by the issue: a control's name must contain its visible text.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const first = v.nodes[0]!;
      const more = v.nodes.length > 1 ? ` (and ${v.nodes.length - 1} more)` : '';
      return `${label}: ${v.id} (${v.impact}) at ${first.target.join(' ')}${more}: ${first.failureSummary?.split('\n').slice(1, 2).join('').trim()}`;
    });
}

async function audit(context: BrowserContext, visits: Visit[], variant: string): Promise<string[]> {
  const page = await context.newPage();
  const found: string[] = [];
  for (const visit of visits) {
    await page.goto(visit.path);
    await page.waitForLoadState('networkidle');
    if (visit.ready) await visit.ready(page);
    found.push(...(await violations(page, `${variant} · ${visit.name} (${visit.path})`)));
  }
  await page.close();
  return found;
}

let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;
let quizInProgress = '';
let quizResult = '';

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page);
  // A lesson read: its flashcards are new cards in /review.
  await page.goto('/patterns/timeout');
  await page.getByRole('button', { name: 'Mark as read' }).first().click();
  await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveCount(0);
  // A quiz finished (all right) and one in progress (one answered, the next on screen).
  const law = quizFile('laws/correlated-failure');
  await page.goto('/laws/correlated-failure/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  quizResult = new URL(page.url()).pathname;
  for (let i = 0; i < law.length; i++) {
    await answer(page, law, true);
    if (i < law.length - 1) await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.getByTestId('quiz-score')).toBeVisible();
  const timeout = quizFile('patterns/timeout');
  await page.goto('/patterns/timeout/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  quizInProgress = new URL(page.url()).pathname;
  await answer(page, timeout, false);
  storageState = await context.storageState();
  await context.close();
});

for (const variant of VARIANTS) {
  test(`no serious or critical axe violations, signed in, ${variant.name}`, async ({ browser }) => {
    test.setTimeout(360_000);
    const context = await browser.newContext({ storageState, viewport: variant.viewport, colorScheme: variant.colorScheme });
    const found = await audit(context, signedIn(quizInProgress, quizResult), variant.name);
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`no serious or critical axe violations, signed out, ${variant.name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: variant.viewport, colorScheme: variant.colorScheme });
    const found = await audit(context, SIGNED_OUT, variant.name);
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}
