import fs from 'node:fs';
import YAML from 'yaml';
import { expect, request as playwrightRequest, test as base, type APIRequestContext, type Page } from '@playwright/test';

export interface Learner {
  email: string;
  password: string;
}

let counter = 0;

/**
 * A client address of its own for each test learner: sign-ups and failed sign-ins are
 * throttled per address (X-Forwarded-For, docs/security.md), and every test comes from
 * 127.0.0.1, so without this the suite would throttle itself.
 */
export function testAddress(): string {
  const n = (process.pid * 1000 + Date.now() + ++counter) % 16_777_216;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Signs a brand-new learner up through the UI and returns their credentials. */
export async function signUp(page: Page, name = 'Test Learner'): Promise<Learner> {
  counter += 1;
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  const learner = { email: `learner-${Date.now()}-${counter}@example.com`, password: 'correct-horse-battery' };
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(learner.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await skipFirstRun(page);
  return learner;
}

/** A new account lands on the first run (/welcome); most journeys skip it and start from the dashboard. */
export async function skipFirstRun(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Marks the lesson read (after opening `path`, when given) and waits for its ✓ Read mark. */
export async function markRead(page: Page, path?: string): Promise<void> {
  if (path) await page.goto(path);
  await page.getByRole('button', { name: 'Mark as read' }).first().click();
  await expect(page.getByText(/✓ Read/).first()).toBeVisible();
}

/**
 * An API client signed in as the page's learner that sends what the app's own fetches send:
 * an Origin header (route handlers refuse state-changing requests without ours) and JSON.
 */
export async function appApi(page: Page): Promise<APIRequestContext> {
  const origin = new URL(page.url()).origin;
  return playwrightRequest.newContext({ baseURL: origin, storageState: await page.context().storageState(), extraHTTPHeaders: { origin } });
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

export interface QuizQuestion {
  key: string;
  options: { text: string; correct?: boolean }[];
  cards: string[];
  patterns?: string[];
}

export function quizFile(topicPath: string): QuizQuestion[] {
  return YAML.parse(fs.readFileSync(`content/${topicPath}/quiz.yaml`, 'utf8')) as QuizQuestion[];
}

const plain = (s: string) => s.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();

/** The shown position of the right (or a wrong) option among buttons whose text is the option. */
async function findOption(page: Page, selector: string, q: QuizQuestion, right: boolean): Promise<number> {
  const correctText = plain(q.options.find((o) => o.correct)!.text);
  const buttons = page.locator(selector);
  const n = await buttons.count();
  for (let i = 0; i < n; i++) {
    const text = plain(await buttons.nth(i).locator('span').nth(1).locator('span').first().innerText());
    if ((text === correctText) === right) return i;
  }
  throw new Error(`no ${right ? 'right' : 'wrong'} option for ${q.key}`);
}

/** Answers the quiz question on screen right (or wrong), finding the correct option by its text. */
export async function answer(page: Page, questions: QuizQuestion[], right: boolean): Promise<QuizQuestion> {
  const id = (await page.getByTestId('quiz-question').getAttribute('data-question-id'))!;
  const q = questions.find((x) => id.endsWith(`/${x.key}`))!;
  const pos = await findOption(page, '[data-testid^="option-"]', q, right);
  await page.keyboard.press(String(pos + 1));
  await expect(page.getByTestId('feedback')).toHaveText(right ? /Correct/ : /Not quite/);
  return q;
}

/** In /review: grades the card on screen (Good), or answers a due question right. */
export async function reviewOne(page: Page, questionsByTopic: (topicPath: string) => QuizQuestion[]): Promise<string> {
  const card = page.getByTestId('flashcard');
  const id = (await card.getAttribute('data-item-id'))!;
  if (await page.locator('[data-testid^="review-option-"]').count()) {
    const topicPath = id.split('/').slice(0, -1).join('/');
    const q = questionsByTopic(topicPath.includes('/') ? topicPath : `patterns/${topicPath}`).find((x) => id.endsWith(`/${x.key}`))!;
    const pos = await findOption(page, '[data-testid^="review-option-"]', q, true);
    await page.keyboard.press(String(pos + 1));
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('3');
  }
  return id;
}
