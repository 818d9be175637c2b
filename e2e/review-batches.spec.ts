import { withTestDb } from './db';
import { expect, signUp, test, markRead } from './fixtures';

function setNewPerDay(email: string, n: number): Promise<void> {
  return withTestDb((db) => db.run('update user_settings set new_per_day = ? where user_id = (select id from users where email = ?)', n, email));
}

test('a long session: the page brings its first cards and fetches the next ones as the learner goes', async ({ page, consoleErrors }) => {
  const learner = await signUp(page);
  for (const slug of ['timeout', 'circuit-breaker', 'bulkhead', 'backpressure', 'cache-aside']) {
    await markRead(page, `/patterns/${slug}`);
  }
  // More new cards a day than the page sends with its HTML.
  await setNewPerDay(learner.email, 100);

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
  const logs = (await withTestDb((db) => db.get<{ n: number }>("select count(*) as n from review_logs where user_id = (select id from users where email = ?) and source = 'review'", learner.email)))!;
  expect(logs.n).toBe(28);
  expect(consoleErrors).toEqual([]);
});

test('a card put back in the session takes its intervals from the server: none until its grade is saved, then its next step', async ({ page, consoleErrors }) => {
  const learner = await signUp(page);
  await markRead(page, '/patterns/timeout');
  // One card today, so a card put back shows again at once (nothing else is left).
  await setNewPerDay(learner.email, 1);

  await page.goto('/review');
  const card = page.getByTestId('flashcard');
  const id = (await card.getAttribute('data-item-id'))!;
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Again\W+next in 1m$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Good\W+next in 10m$/ })).toBeVisible();

  // Hold the grade's answer: the card comes back at once, its buttons without intervals until the answer lands.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/reviews', async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/reviews') && r.request().method() === 'POST');
  await page.keyboard.press('1');
  await expect(card).toHaveAttribute('data-item-id', id);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Good$/ })).toBeVisible();
  await expect(page.locator('.grade-interval').first()).toHaveText('');
  release();
  const answer = (await (await saved).json()) as { card: { reps: number }; previews: Record<string, { label: string }> };
  expect(answer.card.reps).toBe(1);
  expect(answer.previews['3']!.label).toBe('10m');
  await expect(page.getByRole('button', { name: /^Again\W+next in 1m$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Good\W+next in 10m$/ })).toBeVisible();
  await page.unroute('**/api/reviews');

  // Good: the 10-minute step, after which Good graduates it to a whole-day interval.
  const second = page.waitForResponse((r) => r.url().endsWith('/api/reviews') && r.request().method() === 'POST');
  await page.keyboard.press('3');
  expect((await second).status()).toBe(201);
  await expect(card).toHaveAttribute('data-item-id', id);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Good\W+next in \d+d$/ })).toBeVisible();

  // Undo: the card as it was before that Good, with the intervals it had.
  const undone = page.waitForResponse((r) => r.url().includes('/api/reviews/') && r.request().method() === 'DELETE');
  await page.keyboard.press('Control+z');
  expect((await undone).status()).toBe(200);
  await expect(page.getByRole('button', { name: /^Good\W+next in 10m$/ })).toBeVisible();
  const row = await withTestDb((db) =>
    db.get<{ reps: number; state: number }>('select reps, state from card_states where item_id = ? and user_id = (select id from users where email = ?)', id, learner.email),
  );
  expect(row).toEqual({ reps: 1, state: 1 });
  expect(consoleErrors).toEqual([]);
});
