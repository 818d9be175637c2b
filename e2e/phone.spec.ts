import fs from 'node:fs';
import { withTestDb } from './db';
import type { Page } from '@playwright/test';
import { expect, signUp, test } from './fixtures';

// A small phone, used by touch: 360 px wide, touch events, a coarse pointer.
test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

const ids = (folder: string) =>
  fs
    .readdirSync(`content/${folder}`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

/** The sections of the app, each reached from the tab bar or from the menu. */
const TABS = [
  ['Today', '/dashboard'],
  ['Review', '/review'],
  ['Paths', '/paths'],
  ['Patterns', '/patterns'],
  ['Quizzes', '/quiz'],
] as const;
const MENU = [
  ['Cards', '/cards'],
  ['Cram session', '/review/cram'],
  ['Contrast drills', '/practice/contrasts'],
  ['Pattern selector', '/tools/selector'],
  ['Compare patterns', '/tools/compare'],
  ['Combinations', '/tools/combinations'],
  ['Case studies', '/case-studies'],
  ['Teams', '/teams'],
  ['Settings', '/settings'],
] as const;

/**
 * How far the page scrolls sideways (0 when it does not), with the elements that stick out
 * past the right edge, to say what to fix.
 */
async function sideways(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  await page.waitForLoadState('load');
  // Diagrams are drawn when they come near the screen: bring each one there, then wait until all are drawn.
  const diagrams = page.locator('pre.mermaid');
  for (let i = 0; i < (await diagrams.count()); i++) await diagrams.nth(i).scrollIntoViewIfNeeded();
  if (await diagrams.count()) {
    await page.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((el) => el.getAttribute('data-processed') === 'true'), null, { timeout: 20_000 });
  }
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) {
        const parent = el.parentElement;
        // Only the outermost element that sticks out, not all its children.
        if (parent && parent.getBoundingClientRect().right > width + 1) continue;
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        culprits.push(`${el.tagName.toLowerCase()}${cls} (right ${Math.round(r.right)})`);
      }
    }
    return { overflow: root.scrollWidth - width, culprits: culprits.slice(0, 5) };
  });
}

/** On a phone a five-level lesson offers Mark as read at its end (the last tab), not under Level 1. */
async function readTimeout(page: Page) {
  await page.goto('/patterns/timeout');
  await page.getByRole('tab').last().tap();
  await page.getByRole('button', { name: 'Mark as read' }).tap();
}

async function expectNoSidewaysScroll(page: Page, url: string, problems: string[]) {
  const { overflow, culprits } = await sideways(page);
  if (overflow > 0) problems.push(`${url}: scrolls ${overflow}px sideways; ${culprits.join(', ')}`);
}

async function openMenu(page: Page) {
  const button = page.getByRole('button', { name: 'Menu' });
  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  return page.getByRole('navigation', { name: 'More' });
}

test('at 360 px every section is one tap away: the tab bar, then the menu; the menu closes with Escape and gives focus back', async ({ page, consoleErrors }) => {
  await signUp(page);
  const tabs = page.getByRole('navigation', { name: 'Main' });
  // The tab bar sits at the bottom of the screen and fits it.
  const bar = await tabs.boundingBox();
  expect(bar!.y + bar!.height).toBeCloseTo(740, 0);
  expect(bar!.width).toBeLessThanOrEqual(360);
  for (const [label, href] of TABS) {
    await tabs.getByRole('link', { name: label, exact: true }).tap();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(tabs.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  for (const [label, href] of MENU) {
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: label, exact: true }).tap();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    // Following a link closes the menu.
    await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeHidden();
  }

  // Search is in the header.
  await page.getByRole('button', { name: 'Search the library' }).tap();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('combobox').fill('sharding');
  await page.getByTestId('search-result').first().tap();
  await expect(page).toHaveURL(/\/patterns\/sharding$/);

  // The menu: focus moves into it, Escape closes it and focus returns to the button.
  const menu = await openMenu(page);
  await expect(menu.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
  // A tap outside (on the dimmed page, here over the tab bar) closes it and does nothing else;
  // the account is in it, with Sign out.
  await openMenu(page);
  await expect(page.getByText('Signed in as')).toBeVisible();
  await page.touchscreen.tap(180, 700);
  await expect(page.getByRole('navigation', { name: 'More' })).toBeHidden();
  await expect(page).toHaveURL(/\/patterns\/sharding$/);
  await openMenu(page);
  await page.getByRole('button', { name: 'Sign out' }).tap();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(consoleErrors).toEqual([]);
});

test('a review of 3 cards works by touch: tap to reveal, tap a grade; no keyboard hints on a touch screen', async ({ page, consoleErrors }) => {
  const learner = await signUp(page);
  await readTimeout(page);
  await expect(page.getByTestId('lesson-end').getByText(/✓ Read/)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review', exact: true }).tap();
  await expect(page).toHaveURL(/\/review$/);

  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    const card = page.getByTestId('flashcard');
    const id = (await card.getAttribute('data-item-id'))!;
    expect(seen).not.toContain(id);
    seen.push(id);
    const show = page.getByRole('button', { name: /Show answer/ });
    // The keyboard hint (Space) is not shown on a touch screen.
    await expect(show.locator('.kbd')).toBeHidden();
    await show.tap();
    await expect(page.getByTestId('answer')).toBeVisible();
    const good = page.getByRole('button', { name: /^Good/ });
    await expect(good.locator('.kbd')).toBeHidden();
    await good.tap();
    await expect(page.locator(`[data-testid="flashcard"][data-item-id="${id}"]`)).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /Undo/ }).locator('.kbd')).toBeHidden();
  await expectNoSidewaysScroll(page, '/review', []);

  // The three grades reached the database.
  await expect
    .poll(() =>
      withTestDb(async (db) =>
        (await db.get<{ n: number }>(
          "select count(*) as n from review_logs where user_id = (select id from users where email = ?) and source = 'review' and rating = 3",
          learner.email,
        ))!.n,
      ),
    )
    .toBe(3);
  expect(consoleErrors).toEqual([]);
});

test('/cards on a phone: a list of cards, the filters folded behind a button', async ({ page, consoleErrors }) => {
  await signUp(page);
  await readTimeout(page);
  await expect(page.getByTestId('lesson-end').getByText(/✓ Read/)).toBeVisible();
  await page.goto('/cards?topic=timeout');
  const filters = page.getByRole('button', { name: /Filters/ });
  await expect(filters).toHaveText(/1 active/);
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Search', { exact: true })).toBeHidden();
  await expect(page.getByTestId('card-row').first()).toBeHidden();
  const items = page.getByTestId('card-item');
  await expect(items.first()).toBeVisible();
  await expect(items.first()).toContainText('Due');

  // Select a card and suspend it, by touch.
  const id = (await items.first().getAttribute('data-item-id'))!;
  await items.first().getByRole('checkbox').tap();
  await page.getByRole('button', { name: 'Suspend', exact: true }).tap();
  await expect(page.getByRole('status').filter({ hasText: '1 card suspended' })).toBeVisible();
  await expect(page.locator(`[data-testid="card-item"][data-item-id="${id}"]`)).toContainText('Suspended');

  // The filters open and work.
  await filters.tap();
  await expect(filters).toHaveAttribute('aria-expanded', 'true');
  await page.getByLabel('State').selectOption('suspended');
  await page.getByRole('button', { name: 'Apply' }).tap();
  await expect(page).toHaveURL(/state=suspended/);
  await expect(page.getByTestId('card-item')).toHaveCount(1);
  await expectNoSidewaysScroll(page, '/cards', []);
  expect(consoleErrors).toEqual([]);
});

test('no page scrolls sideways at 360 px', async ({ page }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  const visit = async (url: string) => {
    await page.goto(url);
    await expectNoSidewaysScroll(page, url, problems);
  };

  // Signed out.
  for (const url of ['/sign-in', '/sign-up', '/']) await visit(url);

  await signUp(page);
  await readTimeout(page);
  await expect(page.getByTestId('lesson-end').getByText(/✓ Read/)).toBeVisible();

  const pages = [
    '/dashboard',
    '/review',
    '/review/cram',
    '/paths',
    ...fs.readdirSync('content/paths').map((f) => `/paths/${f.replace(/\.yaml$/, '')}`),
    '/patterns',
    // Five-level lessons (with diagrams and code), standard lessons, the overview.
    '/patterns/timeout',
    '/patterns/circuit-breaker',
    '/patterns/retry-backoff',
    '/patterns/actor-model',
    '/patterns/ambassador',
    '/patterns/observability',
    '/patterns/choosing-patterns',
    // Long identifiers and addresses in inline code.
    '/patterns/tile-pyramid',
    '/patterns/url-normalization',
    '/patterns/timeout/quiz',
    ...ids('laws').map((id) => `/laws/${id}`),
    ...ids('pillars').map((id) => `/pillars/${id}`),
    '/case-studies',
    ...ids('case-studies').map((id) => `/case-studies/${id}`),
    ...ids('domains').map((id) => `/domains/${id}`),
    '/quiz',
    '/quiz/interview',
    '/quiz/history',
    '/cards',
    '/settings',
    '/teams',
    '/tools/selector',
    '/tools/selector?problems=cascading-failure&maturity=low',
    '/tools/compare',
    '/tools/compare?p=saga,two-phase-commit,outbox',
    '/tools/combinations',
    '/practice/contrasts',
  ];
  for (const url of pages) await visit(url);

  // Each level of a five-level lesson.
  await page.goto('/patterns/circuit-breaker');
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).tap();
    await expectNoSidewaysScroll(page, `/patterns/circuit-breaker (tab ${i + 1})`, problems);
  }

  // A quiz in progress, then its results, by touch.
  await page.goto('/patterns/timeout/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).tap();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  await expectNoSidewaysScroll(page, 'a quiz in progress', problems);
  for (let i = 0; i < 50; i++) {
    await page.getByTestId('option-0').tap();
    await expect(page.getByTestId('feedback')).toBeVisible();
    if (i === 0) await expectNoSidewaysScroll(page, 'a quiz question answered', problems);
    const results = page.getByRole('button', { name: 'See results' });
    if (await results.isVisible()) {
      await results.tap();
      break;
    }
    await page.getByRole('button', { name: 'Next question →' }).tap();
  }
  await expect(page.getByTestId('quiz-score')).toBeVisible();
  await expectNoSidewaysScroll(page, 'quiz results', problems);

  // A team's page.
  await page.goto('/teams');
  await page.getByLabel('Name').fill('Platform onboarding with a rather long team name');
  await page.getByRole('button', { name: 'Create team' }).tap();
  await expect(page).toHaveURL(/\/teams\/[0-9a-f-]{36}$/);
  await expectNoSidewaysScroll(page, 'a team', problems);

  expect(problems, problems.join('\n')).toEqual([]);
});
