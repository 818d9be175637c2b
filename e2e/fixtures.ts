import { expect, test as base, type Page } from '@playwright/test';

export interface Learner {
  email: string;
  password: string;
}

let counter = 0;

/** Signs a brand-new learner up through the UI and returns their credentials. */
export async function signUp(page: Page, name = 'Test Learner'): Promise<Learner> {
  counter += 1;
  const learner = { email: `learner-${Date.now()}-${counter}@example.com`, password: 'correct-horse-battery' };
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(learner.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return learner;
}

/** Fails the test on any console error or uncaught page error. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await provide(errors);
  },
});

export { expect };
