import fs from 'node:fs';
import YAML from 'yaml';
import type { Page } from '@playwright/test';
import { answer, expect, quizFile, reviewOne, signUp, test, markRead } from './fixtures';

async function dashboardFigures(page: Page) {
  await page.goto('/dashboard');
  const today = await page.locator('[data-testid="heatmap"] rect').last().getAttribute('data-day');
  const todayCell = Number(await page.locator(`[data-testid="heatmap"] rect[data-day="${today}"]`).getAttribute('data-count'));
  const forecast = (await page.locator('[data-testid="forecast"] rect[data-value]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-value'))))).reduce(
    (a, b) => a + b,
    0,
  );
  return { todayCell, forecast };
}

async function noOverflow(page: Page, width: number, name: string) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto('/dashboard');
  await expect(page.getByTestId('heatmap')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
  expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
}

test('a new learner starts the beginner path, finishes its first step, and the dashboard follows', async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  await signUp(page);
  // Nothing studied yet: the first step and an explanation instead of empty charts.
  await page.goto('/dashboard');
  await expect(page.getByTestId('first-steps')).toBeVisible();
  await expect(page.getByTestId('stats-empty')).toBeVisible();
  await expect(page.getByTestId('heatmap')).toHaveCount(0);
  await expect(page.getByTestId('forecast')).toHaveCount(0);

  await page.goto('/paths');
  await page.getByRole('button', { name: 'Start the beginner path' }).click();
  await expect(page).toHaveURL(/\/paths\/beginner$/);
  await expect(page.getByTestId('path-done')).toHaveText(/^0 of \d+ steps done$/);
  const step = page.getByTestId('step-choosing-patterns');
  await expect(step).toContainText('○ Lesson read');

  // Continue leads to the lesson of the first step.
  await page.getByTestId('path-continue').click();
  await expect(page).toHaveURL(/\/patterns\/choosing-patterns$/);
  await markRead(page);

  // Then its quiz.
  await page.goto('/paths/beginner');
  await page.getByTestId('path-continue').click();
  await expect(page).toHaveURL(/\/patterns\/choosing-patterns\/quiz$/);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  const questions = quizFile('patterns/choosing-patterns');
  for (let i = 0; i < questions.length; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    await answer(page, questions, true);
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.getByTestId('quiz-verdict')).toContainText('Passed');

  // Then its cards: review until every flashcard of the lesson has been seen once.
  await page.goto('/paths/beginner');
  await page.getByTestId('path-continue').click();
  await expect(page).toHaveURL(/\/review$/);
  const cards = new Set((YAML.parse(fs.readFileSync('content/patterns/choosing-patterns/cards.yaml', 'utf8')) as { key: string }[]).map((c) => `choosing-patterns/${c.key}`));
  const seen = new Set<string>();
  for (let i = 0; i < 80 && seen.size < cards.size; i++) {
    const id = await reviewOne(page, (t) => quizFile(t));
    if (cards.has(id)) seen.add(id);
  }
  expect(seen.size).toBe(cards.size);
  // Grades save in the background: wait until the last one has landed.
  await expect(page.getByText('saving…')).toHaveCount(0);

  await page.goto('/paths/beginner');
  await expect(page.getByTestId('path-done')).toHaveText(/^1 of \d+ steps done$/);
  await expect(step).toContainText('✓ Lesson read');
  await expect(step).toContainText('✓ Quiz passed');
  await expect(step).toContainText(`✓ Cards learned: ${cards.size} of ${cards.size}`);
  await expect(step).toContainText(/Mastery \d+%/);

  const after = await dashboardFigures(page);
  expect(after.todayCell).toBeGreaterThanOrEqual(questions.length + cards.size);
  expect(after.forecast).toBeGreaterThan(0);
  await expect(page.getByTestId('first-steps')).toHaveCount(0);
  await expect(page.getByTestId('path-progress')).toHaveText(/^1 of \d+ steps done$/);
  await expect(page.getByTestId('continue')).toContainText('Timeout');

  await noOverflow(page, 1280, 'dashboard-1280');
  await noOverflow(page, 390, 'dashboard-390');
  expect(consoleErrors).toEqual([]);
});

test('an interview date gives a plan, and raising the pace is the learner\'s choice', async ({ page }) => {
  await signUp(page);
  await page.goto('/dashboard');
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Ready by').fill(soon);
  await page.getByLabel('Path', { exact: true }).selectOption('intermediate');
  await page.getByRole('button', { name: 'Make a plan' }).click();
  const plan = page.getByTestId('plan');
  await expect(plan).toContainText('not enough');
  const raise = page.getByRole('button', { name: /Raise my pace to \d+ new cards a day/ });
  const needed = Number((await raise.innerText()).match(/to (\d+)/)![1]);
  expect(needed).toBeGreaterThan(20);
  await raise.click();
  await expect(plan).toContainText('enough ✓');
  await expect(plan).toContainText(`Your limit is ${needed} a day`);

  // A date in the past is refused with a message and changes nothing.
  await page.getByLabel('Ready by').fill('2020-01-01');
  await page.getByRole('button', { name: 'Update plan' }).click();
  await expect(page.locator('.error-text')).toContainText('Choose a date after today');
  await expect(plan).toContainText(soon);
});
