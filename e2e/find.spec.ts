import fs from 'node:fs';
import YAML from 'yaml';
import { expect, signUp, test, markRead } from './fixtures';

test('search everywhere: Ctrl+K, a typo, Enter opens the pattern; / and the header button open it too', async ({ page, consoleErrors }) => {
  await signUp(page);
  await page.goto('/dashboard');
  const input = page.getByPlaceholder(/Search patterns/);
  // The shortcut works once the page is interactive: a key pressed before hydration is lost.
  await expect(async () => {
    await page.keyboard.press('Control+k');
    await expect(input).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(input).toBeFocused();
  await input.fill('sharting');
  const first = page.getByTestId('search-result').first();
  await expect(first).toContainText('Sharding');
  await expect(first).toContainText('pattern');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/patterns\/sharding$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sharding' })).toBeVisible();

  // `/` opens it from any page (not while typing in a field); Esc closes it.
  await page.keyboard.press('/');
  await expect(input).toBeVisible();
  await input.fill('correlated failure');
  await expect(page.getByTestId('search-result').first()).toContainText('law');
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();

  // Arrows move between results.
  await page.getByTestId('search-button').click();
  await input.fill('cache');
  await expect(page.getByTestId('search-result').nth(1)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('search-result').nth(1)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Escape');
  expect(consoleErrors).toEqual([]);
});

test('search on a phone: the header button opens it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page);
  await page.goto('/patterns');
  await page.getByRole('button', { name: 'Search the library' }).click();
  await page.getByPlaceholder(/Search patterns/).fill('leader el');
  await expect(page.getByTestId('search-result').first()).toContainText('Leader Election');
  await page.getByTestId('search-result').first().click();
  await expect(page).toHaveURL(/\/patterns\/leader-election$/);
});

test('compare: saga and two-phase commit side by side, readable on a 390 px phone without horizontal scroll', async ({ page }) => {
  await signUp(page);
  await page.goto('/patterns');
  await page.getByTestId('tool-pattern-comparison').getByRole('link').click();
  await expect(page).toHaveURL(/\/tools\/compare$/);
  await page.getByLabel('Add a pattern').fill('saga');
  await page.getByRole('option', { name: 'Saga' }).click();
  await expect(page).toHaveURL(/\?p=saga$/);
  await page.getByLabel('Add a pattern').fill('two-phase');
  await expect(page.getByRole('option', { name: 'Two-Phase Commit' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?p=saga,two-phase-commit$/);
  const table = page.getByTestId('compare-table');
  await expect(table.getByRole('columnheader', { name: 'Saga' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Two-Phase Commit' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Avoid when' })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/tools/compare?p=saga,two-phase-commit');
  const cards = page.getByTestId('compare-cards');
  await expect(cards.getByRole('heading', { name: 'Saga' })).toBeVisible();
  await expect(cards.getByRole('heading', { name: 'Two-Phase Commit' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // An unknown name is named and left out; removing a chip updates the URL.
  await page.goto('/tools/compare?p=saga,no-such-thing');
  await expect(page.getByTestId('compare-unknown')).toContainText('“no-such-thing”');
  await page.getByRole('button', { name: 'Remove Saga' }).click();
  await expect(page).toHaveURL(/\/tools\/compare$/);
});

test('a contrast question joins reviews once both lessons are read, and not before', async ({ page }) => {
  test.setTimeout(180_000);
  const file = 'content/contrasts.yaml';
  test.skip(!fs.existsSync(file), 'no contrasts yet');
  type C = { id: string; patterns: string[] };
  const contrasts = YAML.parse(fs.readFileSync(file, 'utf8')) as C[];
  const cardCount = (slug: string) => (YAML.parse(fs.readFileSync(`content/patterns/${slug}/cards.yaml`, 'utf8')) as unknown[]).length;
  // The two-pattern contrast with the fewest cards to get through.
  const c = contrasts.filter((x) => x.patterns.length === 2).sort((a, b) => a.patterns.reduce((s, p) => s + cardCount(p), 0) - b.patterns.reduce((s, p) => s + cardCount(p), 0))[0]!;
  await signUp(page);
  await page.goto('/settings');
  await page.getByLabel(/New cards per day/).fill('500');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const read = async (slug: string) => {
    await markRead(page, `/patterns/${slug}`);
  };
  /** Answers everything /review shows (Easy for cards), returning the item ids seen. */
  const reviewAll = async () => {
    await page.goto('/review');
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      const card = page.getByTestId('flashcard');
      if (!(await card.isVisible())) break;
      const id = (await card.getAttribute('data-item-id'))!;
      seen.push(id);
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/reviews') && r.request().method() === 'POST');
      if (await page.locator('[data-testid^="review-option-"]').count()) {
        await page.keyboard.press('1');
        await expect(page.getByTestId('answer')).toBeVisible();
        await page.keyboard.press('Enter');
      } else {
        await page.keyboard.press('Space');
        await page.keyboard.press('4');
      }
      await saved;
      await expect(page.locator(`[data-testid="flashcard"][data-item-id="${id}"]`)).toHaveCount(0);
    }
    return seen;
  };

  await read(c.patterns[0]!);
  await page.goto('/practice/contrasts');
  await expect(page.getByTestId(`contrast-status-${c.id}`)).toContainText('Read');
  const first = await reviewAll();
  expect(first.length).toBeGreaterThan(0);
  expect(first.filter((id) => id.startsWith('contrasts/'))).toEqual([]);

  await read(c.patterns[1]!);
  await page.goto('/practice/contrasts');
  await expect(page.getByTestId(`contrast-status-${c.id}`)).toContainText('In your reviews');
  const second = await reviewAll();
  expect(second.some((id) => id.startsWith(`contrasts/${c.id}/`))).toBe(true);
});

test('catalog filters: category, level, read and mastery narrow the list, live in the URL, and survive a reload', async ({ page }) => {
  const lessons = fs.readdirSync('content/patterns').map((slug) => fs.readFileSync(`content/patterns/${slug}/lesson.md`, 'utf8'));
  const beginnerResilience = lessons.filter((l) => /^category: resilience$/m.test(l) && /^level: beginner$/m.test(l)).length;
  await signUp(page);
  await markRead(page, '/patterns/timeout');

  await page.goto('/patterns');
  const filters = page.getByRole('form', { name: 'Filter patterns' });
  await filters.getByLabel('Category').selectOption('resilience');
  await expect(page).toHaveURL(/\/patterns\?category=resilience$/);
  await filters.getByLabel('Level').selectOption('beginner');
  await expect(page).toHaveURL(/category=resilience&level=beginner$/);
  await expect(page.getByTestId('filter-count')).toHaveText(`${beginnerResilience} of ${lessons.length} lessons match`);
  await expect(page.locator('.category h2')).toHaveText(['Resilience & Reliability']);
  await expect(page.locator('.pattern-item')).toHaveCount(beginnerResilience);

  await filters.getByLabel('Lesson').selectOption('read');
  await expect(page.locator('.pattern-item h3')).toHaveText(['Timeout']);
  // Read but no card studied yet: "not started" by mastery; "strong" finds nothing.
  await filters.getByLabel('Mastery').selectOption('strong');
  await expect(page.getByTestId('no-match')).toBeVisible();
  await filters.getByLabel('Mastery').selectOption('not-started');
  await expect(page.locator('.pattern-item h3')).toHaveText(['Timeout']);

  // The state is the URL: a reload (or a shared link) shows the same list and controls.
  await page.reload();
  await expect(page.locator('.pattern-item h3')).toHaveText(['Timeout']);
  await expect(filters.getByLabel('Lesson')).toHaveValue('read');
  await filters.getByLabel('Lesson').selectOption('unread');
  await filters.getByLabel('Mastery').selectOption('');
  await expect(page.locator('.pattern-item')).toHaveCount(beginnerResilience - 1);

  await filters.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/patterns$/);
  await expect(page.getByTestId('filter-count')).toHaveText(`${lessons.length} lessons`);
  await expect(filters.getByLabel('Category')).toHaveValue('');

  // A hand-edited URL with a bad value says so and shows everything.
  await page.goto('/patterns?level=expert');
  await expect(page.getByRole('alert').filter({ hasText: 'Unknown level' })).toHaveText('Unknown level. The filters were cleared.');
  await expect(page.getByRole('heading', { level: 2, name: 'Tools' })).toBeVisible();
});
