import { withTestDb } from './db';
import { expect, signUp, test, markRead } from './fixtures';

async function readState(email: string) {
  return withTestDb(async (db) => {
    const user = (await db.get<{ id: string }>('select id from users where email = ?', email))!;
    const states = await db.all('select * from card_states where user_id = ? order by item_id', user.id);
    const cram = await db.all("select item_id, rating from review_logs where user_id = ? and source = 'cram' order by review", user.id);
    const reviews = (await db.get<{ n: number }>("select count(*) as n from review_logs where user_id = ? and source <> 'cram'", user.id))!.n;
    return { states, cram, reviews };
  });
}

test('a cram session from the interview plan leaves every card state as it was, and is counted apart', async ({ page, consoleErrors }) => {
  const learner = await signUp(page);
  await markRead(page, '/patterns/timeout');

  // Study a few cards so there is a schedule to keep.
  await page.goto('/review');
  for (let i = 0; i < 3; i++) {
    const card = page.getByTestId('flashcard');
    const id = await card.getAttribute('data-item-id');
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await expect(card).not.toHaveAttribute('data-item-id', id!);
  }
  await expect(page.getByRole('status').filter({ hasText: 'saving' })).toHaveCount(0);
  const before = await readState(learner.email);
  expect(before.states.length).toBeGreaterThan(0);

  // The interview plan links to cramming its path.
  await page.goto('/dashboard');
  await page.getByLabel('Ready by').fill(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('Path', { exact: true }).selectOption('beginner');
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await page.getByTestId('cram-path').click();
  await expect(page).toHaveURL(/\/review\/cram\?path=beginner$/);
  await expect(page.getByRole('heading', { name: /^Cram: / })).toBeVisible();
  await expect(page.getByTestId('cram-card')).toBeVisible();

  // Cram the timeout pattern: answer six items, forgetting the first.
  await page.goto('/review/cram');
  await page.getByRole('checkbox', { name: 'Timeout' }).check();
  await page.getByRole('button', { name: 'Cram these patterns' }).click();
  await expect(page).toHaveURL(/patterns=timeout/);
  const card = page.getByTestId('cram-card');
  for (let i = 0; i < 6; i++) {
    await expect(card).toBeVisible();
    const isQuestion = (await card.getByRole('list', { name: 'Options' }).count()) > 0;
    if (isQuestion) {
      await page.keyboard.press('1');
      await expect(page.getByTestId('cram-answer')).toBeVisible();
      await page.keyboard.press('Enter');
    } else {
      await page.keyboard.press('Space');
      await expect(page.getByTestId('cram-answer')).toBeVisible();
      await page.keyboard.press(i === 0 ? '1' : '3');
    }
    await expect(page.getByRole('status').filter({ hasText: `${i + 1} answered` })).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: 'saving' })).toHaveCount(0);

  const after = await readState(learner.email);
  expect(after.states).toEqual(before.states);
  expect(after.reviews).toBe(before.reviews);
  expect(after.cram).toHaveLength(6);
  expect(after.cram.every((l) => (l as { item_id: string }).item_id.startsWith('timeout/'))).toBe(true);

  // Shown apart: the dashboard's statistics and the history.
  await page.goto('/dashboard');
  await expect(page.getByTestId('cram-stats')).toContainText('6 answers');
  await expect(page.getByTestId('stat-reviewed-value')).toHaveText(String(before.reviews));
  await page.goto('/quiz/history');
  await expect(page.getByTestId('cram-row')).toHaveCount(1);
  await expect(page.getByTestId('cram-row')).toContainText('6');
  expect(consoleErrors).toEqual([]);
});
