import crypto from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { withTestDb } from './db';
import type { Page } from '@playwright/test';
import { expect, quizFile, test, testAddress } from './fixtures';

/** Signs a new learner up through the form and stops where sign-up ends: the first run. */
async function signUpToFirstRun(page: Page, name = 'Newcomer'): Promise<{ email: string; password: string }> {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  const learner = { email: `first-${Date.now()}-${crypto.randomUUID().slice(0, 6)}@example.com`, password: 'correct-horse-battery' };
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(learner.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome to Patternwise, ${name}`);
  return learner;
}

test('a new account reaches its first lesson in three clicks from the end of sign-up, and can revisit the choice from settings', async ({ page, consoleErrors }) => {
  await signUpToFirstRun(page);
  let clicks = 0;
  const click = async (target: ReturnType<Page['getByTestId']>) => {
    clicks += 1;
    await target.click();
  };
  await click(page.getByTestId('goal-pace'));
  await click(page.getByTestId('path-beginner'));
  await click(page.getByRole('button', { name: /^Start: / }));
  await expect(page).toHaveURL(/\/patterns\/choosing-patterns$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(clicks).toBeLessThan(4);

  // The dashboard greets a first-timer with the first step, not zeros and empty charts.
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Patternwise, Newcomer');
  await expect(page.getByTestId('first-steps')).toContainText('Your first step');
  await expect(page.getByTestId('continue')).toHaveAttribute('href', '/patterns/choosing-patterns');
  await expect(page.getByTestId('stats-empty')).toBeVisible();
  await expect(page.getByTestId('stat-due')).toHaveCount(0);
  await expect(page.getByTestId('heatmap')).toHaveCount(0);

  // Settings names the goal and leads back to the choice, prefilled.
  await page.goto('/settings');
  await expect(page.getByTestId('settings-goal')).toContainText('learning the library at your pace');
  await page.getByRole('link', { name: 'Change my goal and starting path' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your goal and starting path');
  await expect(page.getByTestId('goal-pace').getByRole('radio')).toBeChecked();
  await expect(page.getByTestId('path-beginner').getByRole('radio')).toBeChecked();
  expect(consoleErrors).toEqual([]);
});

test('the placement check suggests a later start, and the interview goal sets the dashboard plan', async ({ page }) => {
  await signUpToFirstRun(page);
  await page.getByTestId('goal-interview').click();
  const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Interview date').fill(date);
  await page.getByText('Not sure? Take a 5-question placement check').click();
  const questions = page.locator('[data-question-id]');
  await expect(questions).toHaveCount(5);
  // Every answer right: the content says which option is right.
  for (let i = 0; i < 5; i++) {
    const id = (await questions.nth(i).getAttribute('data-question-id'))!;
    const [topic, key] = id.split('/');
    const right = quizFile(`patterns/${topic}`).find((q) => q.key === key)!.options.findIndex((o) => o.correct);
    await questions.nth(i).locator(`input[value="${right}"]`).check();
  }
  await page.getByTestId('placement-check').click();
  await expect(page.getByTestId('placement-result')).toContainText('5 of 5 right');
  await expect(page.getByTestId('path-advanced').getByRole('radio')).toBeChecked();
  await expect(page.getByTestId('path-advanced')).toContainText('Suggested');
  await page.getByRole('button', { name: /^Start: / }).click();
  await expect(page).toHaveURL(/\/patterns\/sharding$/);

  await page.goto('/dashboard');
  await expect(page.getByTestId('plan')).toContainText(`before ${date}`);
  await expect(page.getByTestId('plan')).toContainText('advanced path');
  await expect(page.getByLabel('Path', { exact: true })).toHaveValue('advanced');
});

test('a wrong placement answer keeps the beginner start; the team goal leads to teams; an interview needs a date', async ({ page }) => {
  await signUpToFirstRun(page);
  await page.getByText('Not sure? Take a 5-question placement check').click();
  await page.getByTestId('placement-check').click();
  await expect(page.getByTestId('placement').getByRole('alert')).toHaveText('Answer at least one question, or skip the check.');
  const first = page.locator('[data-question-id]').first();
  const id = (await first.getAttribute('data-question-id'))!;
  const [topic, key] = id.split('/');
  const options = quizFile(`patterns/${topic}`).find((q) => q.key === key)!.options;
  await first.locator(`input[value="${options.findIndex((o) => !o.correct)}"]`).check();
  await page.getByTestId('placement-check').click();
  await expect(page.getByTestId('placement-result')).toContainText('0 of 5 right');
  await expect(page.getByTestId('path-beginner').getByRole('radio')).toBeChecked();

  // The interview date is required (the browser says so before the server would).
  await page.getByTestId('goal-interview').click();
  await page.getByRole('button', { name: /^Start: / }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  expect(await page.getByLabel('Interview date').evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);

  await page.getByTestId('goal-team').click();
  await page.getByRole('button', { name: 'Continue to teams' }).click();
  await expect(page).toHaveURL(/\/teams$/);
  await page.goto('/settings');
  await expect(page.getByTestId('settings-goal')).toContainText('joining a team');
});

test('skipping the first run, or never finishing it, leaves a way back from the dashboard', async ({ page }) => {
  await signUpToFirstRun(page);
  await page.goto('/dashboard');
  await expect(page.getByTestId('first-steps')).toContainText('Start here');
  await page.getByTestId('first-run-link').click();
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('first-steps')).toContainText('Your first step');
  await expect(page.getByTestId('first-run-link')).toHaveCount(0);
  await page.goto('/settings');
  await expect(page.getByTestId('settings-goal')).toContainText('You have not chosen a goal.');
});

test('an account with history from before the first run is not sent through it', async ({ page }) => {
  // As if created and used before this release: written straight into the server's database,
  // not marked as past the first run (as an account restored from a backup would be).
  const email = `veteran-${Date.now()}@example.com`;
  await withTestDb(async (db) => {
    const id = crypto.randomUUID();
    await db.run('insert into users (id, email, name, password_hash) values (?, ?, ?, ?)', id, email, 'Veteran', await hash('a-long-enough-password', { algorithm: 2 }));
    await db.run('insert into user_settings (user_id) values (?)', id);
    await db.run('insert into lesson_reads (user_id, topic_id, read_at) values (?, ?, ?)', id, 'timeout', Date.now() - 3 * 86_400_000);
  });
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back, Veteran');
  await expect(page.getByTestId('first-steps')).toHaveCount(0);
  await expect(page.getByTestId('stat-new-value')).toBeVisible();
  await expect(page.getByTestId('heatmap')).toBeVisible();
});

test('Try the demo signs in as the demo learner, whose dashboard has a heatmap, a forecast, retention and a plan', async ({ page, consoleErrors }) => {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome back, Demo Learner');
  const counts = await page.locator('[data-testid="heatmap"] rect[data-count]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-count'))));
  expect(counts.filter((c) => c > 0).length).toBeGreaterThan(40);
  await expect(page.getByTestId('heatmap-month').first()).toBeVisible();
  await expect(page.getByTestId('heatmap-weekday')).toHaveCount(3);
  await expect(page.getByTestId('heatmap-legend')).toContainText('Less');
  const forecast = await page.locator('[data-testid="forecast"] rect[data-value]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-value'))));
  expect(forecast.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  await expect(page.getByTestId('retention')).toContainText(/Young cards \(interval under 21 days\): \d+% \(\d+ of \d+\)/);
  await expect(page.getByTestId('plan')).toContainText('new cards a day');
  await expect(page.getByTestId('stat-due-value')).not.toHaveText('0');
  expect(consoleErrors).toEqual([]);
});
