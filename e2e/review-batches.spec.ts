import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, signUp, test } from './fixtures';

const DB_FILE = path.resolve('test-results', 'e2e', 'patternwise-e2e.db');

test('a long session: the page brings its first cards and fetches the next ones as the learner goes', async ({ page, consoleErrors }) => {
  const learner = await signUp(page);
  for (const slug of ['timeout', 'circuit-breaker', 'bulkhead', 'backpressure', 'cache-aside']) {
    await page.goto(`/patterns/${slug}`);
    await page.getByRole('button', { name: 'Mark as read' }).first().click();
    await expect(page.getByText(/✓ Read/).first()).toBeVisible();
  }
  // More new cards a day than the page sends with its HTML.
  const db = new Database(DB_FILE);
  db.prepare('update user_settings set new_per_day = 100 where user_id = (select id from users where email = ?)').run(learner.email);
  db.close();

  await page.goto('/review');
  const fresh = async () => Number((await page.locator('.count-new').innerText()).trim().split(/\s/)[0]);
  const total = await fresh();
  expect(total).toBeGreaterThan(30);
  const fetched = page.waitForResponse((r) => r.url().endsWith('/api/review/items') && r.status() === 200);
  const seen = new Set<string>();
  for (let i = 0; i < 28; i++) {
    const card = page.getByTestId('flashcard');
    await expect(card).toBeVisible();
    const id = (await card.getAttribute('data-item-id'))!;
    expect(seen.has(id), `card ${id} shown twice`).toBe(false);
    seen.add(id);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('4');
    // Easy takes a new card straight out of today's session.
    await expect.poll(fresh).toBe(total - i - 1);
  }
  await fetched;
  await expect(page.getByRole('status').filter({ hasText: /^28 of \d+ done/ })).toBeVisible();
  await expect(page.getByText('saving…')).toHaveCount(0);
  const check = new Database(DB_FILE, { readonly: true });
  const logs = check
    .prepare("select count(*) as n from review_logs where user_id = (select id from users where email = ?) and source = 'review'")
    .get(learner.email) as { n: number };
  check.close();
  expect(logs.n).toBe(28);
  expect(consoleErrors).toEqual([]);
});
