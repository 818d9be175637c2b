import fs from 'node:fs';
import YAML from 'yaml';
import { appApi, expect, signUp, test, markRead } from './fixtures';
import type { Page } from '@playwright/test';

async function stat(page: Page, id: 'due' | 'new' | 'reviewed' | 'streak'): Promise<number> {
  return Number(await page.getByTestId(`stat-${id}-value`).textContent());
}

test('a signed-out visit to /review goes to sign-in', async ({ page }) => {
  await page.goto('/review');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Freview/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password shows a clear message', async ({ page }) => {
  const learner = await signUp(page);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.alert-error')).toHaveText(/Wrong email or password/);
  await expect(page).toHaveURL(/\/sign-in/);
  // The right password still works.
  await page.getByLabel('Password').fill(learner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('sign-up rejects a short password and a taken email', async ({ page }) => {
  const learner = await signUp(page);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill('someone@example.com');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 10 characters for your password.')).toBeVisible();
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/already exists/)).toBeVisible();
});

test('a learner reads the timeout lesson, reviews three cards by keyboard, undoes one, and the dashboard follows', async ({
  page,
  consoleErrors,
}) => {
  await signUp(page);
  // A new learner sees the first step, not a row of zeros.
  await expect(page.getByTestId('first-steps')).toBeVisible();
  await expect(page.getByTestId('stat-due')).toHaveCount(0);

  // The catalog lists the lesson; the lesson shows one level at a time.
  await page.goto('/patterns');
  await page.getByRole('link', { name: 'Timeout', exact: true }).click();
  await expect(page).toHaveURL(/\/patterns\/timeout$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Timeout' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /1 · Intuition/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'Level 1: Intuition' })).toBeVisible();
  await page.getByRole('button', { name: /Level 2: Foundation →/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Level 2: Foundation' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Level 1: Intuition' })).toHaveCount(0);
  await page.getByRole('tab', { name: /Quick reference/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Quick reference' })).toBeVisible();

  await markRead(page);

  const timeoutCards = (YAML.parse(fs.readFileSync('content/patterns/timeout/cards.yaml', 'utf8')) as unknown[]).length;
  await page.goto('/dashboard');
  expect(await stat(page, 'new')).toBe(Math.min(20, timeoutCards));
  expect(await stat(page, 'reviewed')).toBe(0);

  // Review with the keyboard only.
  await page.goto('/review');
  const card = page.getByTestId('flashcard');
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    await expect(card).toBeVisible();
    const id = await card.getAttribute('data-item-id');
    expect(id).toMatch(/^timeout\//);
    seen.push(id!);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Good\W+next in \d+m$/ })).toBeVisible();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/reviews') && r.request().method() === 'POST');
    await page.keyboard.press('3');
    const response = await saved;
    expect(response.status()).toBe(201);
    // Answered by the server process's grading fast path (decision 019), not by Next's route
    // handler (whose answers carry the pages' CSP from proxy.ts), with the security headers.
    expect(response.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  }
  expect(new Set(seen).size).toBe(3);

  // Undo the third: the same card comes back, revealed, and its log row is removed.
  const undone = page.waitForResponse((r) => r.url().includes('/api/reviews/') && r.request().method() === 'DELETE');
  await page.keyboard.press('Control+z');
  expect((await undone).status()).toBe(200);
  await expect(card).toHaveAttribute('data-item-id', seen[2]!);
  await expect(page.getByTestId('answer')).toBeVisible();

  await page.goto('/dashboard');
  expect(await stat(page, 'reviewed')).toBe(2);
  expect(await stat(page, 'new')).toBe(Math.min(20 - 2, timeoutCards - 2));
  // Both graded cards are in learning with a 10-minute step: due within the session.
  expect(await stat(page, 'due')).toBe(2);
  expect(await stat(page, 'streak')).toBe(1);
  expect(consoleErrors).toEqual([]);
});

test('bad review input gets a clear 4xx and changes nothing', async ({ page }) => {
  await signUp(page);
  await markRead(page, '/patterns/timeout');
  await page.goto('/review');
  const itemId = await page.getByTestId('flashcard').getAttribute('data-item-id');
  const api = await appApi(page);

  const malformed = await api.post('/api/reviews', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{not json') });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toMatch(/JSON/);

  const seven = await api.post('/api/reviews', { data: { id: crypto.randomUUID(), itemId, rating: 7 } });
  expect(seven.status()).toBe(400);
  expect((await seven.json()).error).toMatch(/rating must be from 1 \(Again\) to 4 \(Easy\)/);

  const unknown = await api.post('/api/reviews', { data: { id: crypto.randomUUID(), itemId: 'timeout/no-such-card', rating: 3 } });
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatch(/no card or question/);

  // A real card from a lesson this learner has not read is not theirs to review yet.
  const unreadKey = (YAML.parse(fs.readFileSync('content/patterns/load-balancing/cards.yaml', 'utf8')) as { key: string }[])[0]!.key;
  const notRead = await api.post('/api/reviews', { data: { id: crypto.randomUUID(), itemId: `load-balancing/${unreadKey}`, rating: 3 } });
  expect(notRead.status()).toBe(409);
  expect((await notRead.json()).error).toMatch(/read its lesson first/);

  const id = crypto.randomUUID();
  const first = await api.post('/api/reviews', { data: { id, itemId, rating: 3 } });
  expect(first.status()).toBe(201);
  const firstCard = (await first.json()).card;
  const again = await api.post('/api/reviews', { data: { id, itemId, rating: 1 } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toMatch(/already recorded/);

  await page.goto('/dashboard');
  expect(await stat(page, 'reviewed')).toBe(1);

  // Undoing a review that does not exist, or with a malformed id.
  expect((await api.delete(`/api/reviews/${crypto.randomUUID()}`)).status()).toBe(404);
  expect((await api.delete('/api/reviews/not-a-uuid')).status()).toBe(400);
  // The duplicate did not change the card: undoing the first review restores a new card.
  const undo = await api.delete(`/api/reviews/${id}`);
  expect(undo.status()).toBe(200);
  expect(firstCard.reps).toBe(1);
  await page.goto('/dashboard');
  expect(await stat(page, 'reviewed')).toBe(0);
});

test('health answers ok with migrations current', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', db: 'ok', migrations: 'current' });
});

test('a learner can download their own data, and only when signed in', async ({ page, request }) => {
  expect((await request.get('/api/export')).status()).toBe(401);
  const learner = await signUp(page);
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data (JSON)' }).click()]);
  const body = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(body.format).toBe('patternwise-export/1');
  expect(body.user.email).toBe(learner.email);
  expect(JSON.stringify(body)).not.toMatch(/password/i);
});
