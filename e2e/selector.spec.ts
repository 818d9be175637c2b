import { answer, expect, quizFile, signUp, test } from './fixtures';

test('selector: cascading failure with a team of low maturity ranks circuit breaker, timeout and bulkhead near the top; the URL shares it; practise it', async ({
  page,
  consoleErrors,
}) => {
  await signUp(page);
  await page.goto('/patterns');
  await page.getByTestId('tool-pattern-selector').getByRole('link').click();
  await expect(page).toHaveURL(/\/tools\/selector$/);
  await expect(page.getByTestId('selector-empty')).toBeVisible();

  await page.getByTestId('group-resilience').locator('summary').click();
  await page.getByRole('checkbox', { name: /Cascading failure/ }).check();
  await page.getByRole('group', { name: "Team's operational maturity" }).getByRole('radio', { name: 'Low' }).check();
  await page.getByRole('button', { name: 'Show patterns' }).click();
  await expect(page).toHaveURL(/problems=cascading-failure/);
  await expect(page).toHaveURL(/maturity=low/);

  const results = page.getByTestId('selector-results').locator(':scope > li');
  const top5 = await results.evaluateAll((els) => els.slice(0, 5).map((e) => e.getAttribute('data-testid')));
  for (const slug of ['circuit-breaker', 'timeout', 'bulkhead']) expect(top5).toContain(`selector-result-${slug}`);
  const cb = page.getByTestId('selector-result-circuit-breaker');
  await expect(cb).toContainText('Solves cascading failure');
  await expect(cb).toContainText('What it costs');
  await expect(cb).toContainText('Combine with');

  // The link is the state: opening it again shows the same choices and answer.
  const shared = page.url();
  await page.goto('/dashboard');
  await page.goto(shared);
  await expect(page.getByRole('checkbox', { name: /Cascading failure/ })).toBeChecked();
  await cb.getByRole('link', { name: 'Circuit Breaker', exact: true }).click();
  await expect(page).toHaveURL(/\/patterns\/circuit-breaker$/);

  // "Practise this": scenario questions from the top patterns, with feedback, no clock.
  await page.goto(shared);
  await page.getByRole('button', { name: 'Practise this' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  await expect(page.getByText(/Selector practice/).first()).toBeVisible();
  const id = (await page.getByTestId('quiz-question').getAttribute('data-question-id'))!;
  const slug = id.split('/')[0]!;
  expect(top5).toContain(`selector-result-${slug}`);
  await answer(page, quizFile(`patterns/${slug}`), true);
  expect(consoleErrors).toEqual([]);
});

test('selector on a 390 px phone: no horizontal scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page);
  await page.goto('/tools/selector?problems=cascading-failure,duplicate-messages&maturity=low&consistency=strong');
  await expect(page.getByTestId('selector-result-circuit-breaker')).toBeVisible();
  await page.getByTestId('group-resilience').scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
