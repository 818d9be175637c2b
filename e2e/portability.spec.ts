import { expect, skipFirstRun, test, testAddress, markRead } from './fixtures';
import type { Page } from '@playwright/test';

const password = 'correct-horse-battery';

async function signUpAs(page: Page, email: string) {
  // Each sign-up from its own address, as the fixture does: sign-ups are throttled per address.
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Mover');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await skipFirstRun(page);
}

/** The dashboard's figures that a restore must bring back. */
async function figures(page: Page) {
  await page.goto('/dashboard');
  const out: Record<string, string> = {};
  for (const id of ['due', 'new', 'reviewed', 'quiz-answers', 'streak', 'longest']) out[id] = await page.getByTestId(`stat-${id}-value`).innerText();
  out.retention = await page.getByTestId('retention').innerText();
  out.path = await page.getByTestId('path-progress').innerText();
  return out;
}

async function restore(page: Page, file: Buffer, withSettings: boolean) {
  await page.goto('/settings');
  await page.getByTestId('restore-file').setInputFiles({ name: 'patternwise.json', mimeType: 'application/json', buffer: file });
  if (withSettings) await page.getByLabel(/Also restore my settings/).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  return page.getByTestId('restore-result');
}

test('export, delete the account, sign up again, restore: the same dashboard; restoring again adds nothing', async ({ page, consoleErrors }) => {
  const email = `mover-${Date.now()}@example.com`;
  await signUpAs(page, email);
  await markRead(page, '/patterns/timeout');
  await page.goto('/review');
  for (let i = 0; i < 3; i++) {
    const card = page.getByTestId('flashcard');
    const id = (await card.getAttribute('data-item-id'))!;
    // Grades save in the background: wait for each to land before leaving the page.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/reviews') && r.request().method() === 'POST');
    await page.keyboard.press('Space');
    await page.keyboard.press('4');
    expect((await saved).status()).toBe(201);
    await expect(page.locator(`[data-testid="flashcard"][data-item-id="${id}"]`)).toHaveCount(0);
  }
  const before = await figures(page);
  expect(before.reviewed).toBe('3');

  // The three downloads.
  const backup = await page.request.get('/api/export');
  expect(backup.status()).toBe(200);
  const file = await backup.body();
  const csv = await page.request.get('/api/export/reviews');
  expect((await csv.text()).split('\n')[0]).toBe('card_id,review_time,review_rating,review_state,review_duration,item_id');
  const apkg = await page.request.get('/api/export/anki?schedule=1');
  expect(apkg.headers()['content-disposition']).toMatch(/\.apkg"$/);
  expect((await apkg.body()).subarray(0, 2).toString()).toBe('PK');

  // Delete: a wrong password changes nothing; the right one ends the session.
  await page.goto('/settings');
  await expect(page.getByTestId('delete-summary')).toContainText('3 reviews and quiz answers in your log');
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Delete my account' }) });
  await form.getByLabel('Your password').fill('not-my-password-at-all');
  await form.getByLabel(/cannot be undone/).check();
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(form.getByRole('alert')).toHaveText(/nothing was deleted/);
  await form.getByLabel('Your password').fill(password);
  await form.getByLabel(/cannot be undone/).check();
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByTestId('account-deleted')).toBeVisible();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);

  // A new account with the same email, and the backup restored into it.
  await signUpAs(page, email);
  await expect(page.getByTestId('first-steps')).toBeVisible();
  const result = await restore(page, file, true);
  await expect(result).toContainText('3 reviews added, 0 already here');
  expect(await figures(page)).toEqual(before);

  const again = await restore(page, file, false);
  await expect(again).toContainText('0 reviews added, 3 already here');
  expect(await figures(page)).toEqual(before);
  expect(consoleErrors).toEqual([]);
});

test('a file that is not a backup gets a clear message and changes nothing', async ({ page }) => {
  await signUpAs(page, `wrong-file-${Date.now()}@example.com`);
  await page.goto('/settings');
  await page.getByTestId('restore-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"anki-json","cards":[]}') });
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('restore-error')).toHaveText(/not a Patternwise backup/);
  await page.getByTestId('restore-file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"patternwise-export/1","reviewLogs":[{') });
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('restore-error')).toHaveText(/not valid JSON/);
  // Still a new learner: nothing was restored.
  await page.goto('/dashboard');
  await expect(page.getByTestId('first-steps')).toBeVisible();
});
