import { withTestDb } from './db';
import { default_w } from 'ts-fsrs';
import type { Page } from '@playwright/test';
import { harderTruth, syntheticLog } from '../lib/optimizer/synthetic';
import { expect, signUp, test, markRead } from './fixtures';


async function readTimeout(page: Page) {
  await markRead(page, '/patterns/timeout');
}

async function saveSettings(page: Page, retention: string, fuzz: boolean) {
  await page.goto('/settings');
  await page.getByLabel(/Desired retention/).fill(retention);
  await page.getByLabel('Fuzz intervals').setChecked(fuzz);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

async function easyInterval(page: Page): Promise<{ id: string; easy: string }> {
  await page.goto('/review');
  const id = (await page.getByTestId('flashcard').getAttribute('data-item-id'))!;
  await page.keyboard.press('Space');
  const easy = await page.getByRole('button', { name: /^Easy\W+next in/ }).locator('.grade-interval').innerText();
  return { id, easy: easy.trim() };
}

const days = (label: string) => (label.endsWith('d') ? Number(label.slice(0, -1)) : label.endsWith('mo') ? Number(label.slice(0, -2)) * 30 : NaN);

test('changing the desired retention changes the intervals on the grade buttons', async ({ page }) => {
  await signUp(page);
  await readTimeout(page);
  await saveSettings(page, '0.8', false);
  const at80 = await easyInterval(page);
  await saveSettings(page, '0.97', false);
  const at97 = await easyInterval(page);
  expect(at97.id).toBe(at80.id);
  expect(days(at97.easy)).toBeLessThan(days(at80.easy));
  // The workload estimate follows the slider.
  await page.goto('/settings');
  const at97Workload = await page.getByTestId('workload').innerText();
  await page.getByLabel(/Desired retention/).fill('0.75');
  await expect(page.getByTestId('workload')).not.toHaveText(at97Workload);
});

test('invalid settings get a clear message and are not saved', async ({ page }) => {
  await signUp(page);
  await page.goto('/settings');
  await page.getByLabel(/Desired retention/).fill('0.5');
  await page.getByLabel('Learning steps', { exact: true }).fill('one minute');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Nothing was saved')).toBeVisible();
  await expect(page.getByText('Desired retention must be at least 0.70.')).toBeVisible();
  await expect(page.getByText(/Write steps like "1m 10m"/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/Desired retention/)).toHaveValue('0.9');
  await expect(page.getByLabel('Learning steps', { exact: true })).toHaveValue('1m 10m');
});

test('a card suspended in the card browser leaves the review queue', async ({ page }) => {
  await signUp(page);
  await readTimeout(page);
  await page.goto('/dashboard');
  const newBefore = Number(await page.getByTestId('stat-new-value').innerText());
  await page.goto('/review');
  const first = (await page.getByTestId('flashcard').getAttribute('data-item-id'))!;

  await page.goto('/cards?topic=timeout&kind=card');
  const row = page.locator(`[data-testid="card-row"][data-item-id="${first}"]`);
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 card suspended' })).toBeVisible();
  await expect(row).toContainText('Suspended');

  await page.goto('/review');
  await expect(page.getByTestId('flashcard')).not.toHaveAttribute('data-item-id', first);
  await page.goto('/dashboard');
  expect(Number(await page.getByTestId('stat-new-value').innerText())).toBe(newBefore - 1);

  await page.goto('/cards?state=suspended');
  await expect(page.locator('[data-testid="card-row"]')).toHaveCount(1);
});

test('the optimizer runs on a seeded learner and reports its result', async ({ page }) => {
  test.setTimeout(120_000);
  const learner = await signUp(page);
  await page.goto('/settings');
  await expect(page.getByText(/needs at least 400 reviews: 400 more to go/)).toBeVisible();

  // Seed 2,000 reviews of a learner who forgets faster than the defaults expect.
  await withTestDb(async (db) => {
    const user = (await db.get<{ id: string }>('select id from users where email = ?', learner.email))!;
    const logs = syntheticLog({ reviews: 2000, cards: 200, seed: 3, truth: harderTruth(default_w), start: new Date(Date.now() - 200 * 86_400_000) });
    await db.run('begin');
    for (const [i, l] of logs.entries()) {
      await db.run(
        `insert into review_logs (id, user_id, item_id, rating, state, log_due, stability, difficulty, elapsed_days,
          last_elapsed_days, scheduled_days, learning_steps, review, prev_due, had_state, duration_ms, source)
          values (?, ?, ?, ?, 2, ?, 1, 5, 0, 0, 0, 0, ?, null, 1, 0, 'review')`,
        `seed-${i}-${user.id}`, user.id, l.itemId, l.rating, l.review.getTime(), l.review.getTime(),
      );
    }
    await db.run('commit');
  });

  await page.reload();
  await page.getByRole('button', { name: 'Optimize my parameters' }).click();
  const status = page.getByTestId('optimizer-status');
  await expect(page.getByTestId('optimizer-logloss')).toBeVisible({ timeout: 60_000 });
  await expect(status).toContainText('2000 reviews');
  const text = await page.getByTestId('optimizer-logloss').innerText();
  const [def, fit] = [...text.matchAll(/(\d\.\d{4})/g)].map((m) => Number(m[1]));
  expect(fit).toBeLessThan(def!);
  await expect(status).toContainText('now in use');
  await page.reload();
  await expect(page.getByText('You are using your own fitted parameters.')).toBeVisible();
});
