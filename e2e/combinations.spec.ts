import { expect, signUp, test } from './fixtures';

test('combinations: from the catalog, patterns that work together and against each other; lessons list theirs; marking one read adds its cards to reviews', async ({
  page,
  consoleErrors,
}) => {
  await signUp(page);
  await page.goto('/patterns');
  await page.getByTestId('tool-pattern-combinations').getByRole('link').click();
  await expect(page).toHaveURL(/\/tools\/combinations$/);
  const trio = page.getByTestId('combination-timeout-retry-circuit-breaker');
  await expect(trio.getByRole('heading', { name: 'Timeout, retry with backoff and circuit breaker' })).toBeVisible();
  await expect(trio.getByRole('link', { name: 'Circuit Breaker' })).toHaveAttribute('href', '/patterns/circuit-breaker');
  await expect(trio.locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('combination-retries-without-backoff-behind-load-balancer')).toContainText('Why they clash');

  // A lesson lists the combinations it is part of, and links to them.
  await page.goto('/patterns/outbox');
  await page.getByRole('link', { name: 'Transactional outbox and idempotent receiver' }).click();
  await expect(page).toHaveURL(/\/tools\/combinations#outbox-idempotent-receiver$/);

  // Nothing to review before; after marking it read, its card is among the new cards.
  await page.goto('/review');
  await expect(page.getByTestId('flashcard')).toHaveCount(0);
  await page.goto('/tools/combinations');
  const combo = page.getByTestId('combination-outbox-idempotent-receiver');
  await combo.getByRole('button', { name: /^Mark as read\W/ }).click();
  await expect(combo.getByRole('status')).toContainText('in your reviews');
  await page.goto('/review');
  await expect(page.getByTestId('flashcard')).toHaveAttribute('data-item-id', /^combinations\/outbox-idempotent-receiver\//);
  expect(consoleErrors).toEqual([]);
});

test('combinations on a 390 px phone: no horizontal scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page);
  await page.goto('/tools/combinations');
  await expect(page.getByTestId('combination-cqrs-event-sourcing').locator('svg').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
