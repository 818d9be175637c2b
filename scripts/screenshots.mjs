#!/usr/bin/env node
/**
 * Screenshots of every page type at 1280 and 390 px, light and dark, for a human to look at:
 * `node scripts/screenshots.mjs [baseURL] [outDir]` against a running app (signed in as the demo
 * learner, `EMAIL`/`PASSWORD` change who; the sign-in, sign-up, landing and not-found pages are
 * taken signed out). `PAGES=/a,/b` takes only those signed-in paths (names are as in the list
 * below, or the path); `FULL=1` takes whole pages; `WAIT` is the pause after each load (ms).
 *
 * It studies as a learner would, once, to have something to show: when /review is empty it marks
 * the Timeout lesson read (its cards become new cards), and it starts the Timeout quiz (one
 * answer: "quiz in progress") and the Anti-Entropy quiz (answered through: "quiz result").
 * Each file is `<variant>_<page>.png`; a line is printed per file, flagged when the page scrolls
 * sideways.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const out = process.argv[3] ?? 'test-results/screenshots';
const wait = Number(process.env.WAIT ?? 600);
fs.mkdirSync(out, { recursive: true });

/** Every page type, signed in. `quiz-progress` and `quiz-result` are found at run time. */
const SIGNED_IN = [
  ['dashboard', '/dashboard'],
  ['review', '/review'],
  ['cram', '/review/cram'],
  ['paths', '/paths'],
  ['path', '/paths/beginner'],
  ['patterns', '/patterns'],
  ['lesson-five-level', '/patterns/timeout'],
  ['lesson-standard', '/patterns/anti-entropy'],
  ['law', '/laws/correlated-failure'],
  ['pillar', '/pillars/truth'],
  ['case-study', '/case-studies/amazon-dynamo'],
  ['domain', '/domains/location'],
  ['quizzes', '/quiz'],
  ['quiz-progress', null],
  ['quiz-result', null],
  ['interview', '/quiz/interview'],
  ['cards', '/cards'],
  ['settings', '/settings'],
  ['teams', '/teams'],
  ['selector', '/tools/selector?problems=cascading-failure&maturity=low'],
  ['compare', '/tools/compare?p=saga,two-phase-commit'],
  ['combinations', '/tools/combinations'],
  ['contrasts', '/practice/contrasts'],
];
const SIGNED_OUT = [
  ['landing', '/'],
  ['sign-in', '/sign-in'],
  ['sign-up', '/sign-up'],
  ['not-found', '/no-such-page'],
];
const VARIANTS = [
  ['desktop', { width: 1280, height: 900 }, 'light'],
  ['desktop-dark', { width: 1280, height: 900 }, 'dark'],
  ['phone', { width: 390, height: 844 }, 'light'],
  ['phone-dark', { width: 390, height: 844 }, 'dark'],
];

const only = process.env.PAGES ? new Set(process.env.PAGES.split(',')) : null;
const wanted = ([name, path]) => !only || only.has(name) || (path !== null && only.has(path));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function signIn(page) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(process.env.EMAIL ?? 'demo@patternwise.dev');
  await page.getByLabel('Password').fill(process.env.PASSWORD ?? 'patterns-demo-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Opens (or resumes) a quiz from its landing page and returns the attempt's address. */
async function openQuiz(page, landing) {
  await page.goto(`${base}${landing}`);
  await page.getByRole('button', { name: /^(Start the quiz|Resume|Take the quiz again)/ }).click();
  await page.waitForURL(/\/quiz\/attempts\//);
  return new URL(page.url()).pathname;
}

/** Answers the question on screen (key 1) and moves on; false when the quiz has ended. */
async function answerOne(page) {
  const question = page.getByTestId('quiz-question');
  if (!(await question.count())) return false;
  const id = await question.getAttribute('data-question-id');
  await page.waitForLoadState('networkidle');
  const first = page.locator('[data-testid^="option-"]').first();
  if (await first.isEnabled()) await first.click();
  await page.getByTestId('feedback').waitFor();
  const results = page.getByRole('button', { name: 'See results' });
  if (await results.count()) {
    await results.click();
    await page.getByTestId('quiz-score').waitFor();
    return false;
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction((old) => document.querySelector('[data-testid="quiz-question"]')?.getAttribute('data-question-id') !== old, id);
  return true;
}

/** Study once so the review, quiz-in-progress and quiz-result pages have something to show. */
async function prepare(page) {
  const found = {};
  await page.goto(`${base}/review`);
  if (!(await page.getByTestId('flashcard').count())) {
    await page.goto(`${base}/patterns/timeout`);
    const mark = page.getByRole('button', { name: 'Mark as read' }).first();
    if (await mark.count()) {
      await mark.click();
      await page.waitForTimeout(1000);
      console.log('(marked Timeout read so /review has cards)');
    }
  }
  if (wanted(['quiz-progress', null])) {
    const attempt = await openQuiz(page, '/patterns/timeout/quiz');
    await answerOne(page);
    found['quiz-progress'] = attempt;
  }
  if (wanted(['quiz-result', null])) {
    const attempt = await openQuiz(page, '/patterns/anti-entropy/quiz');
    for (let i = 0; i < 40 && (await answerOne(page)); i++);
    await page.getByTestId('quiz-score').waitFor();
    found['quiz-result'] = attempt;
  }
  return found;
}

async function shoot(page, label, name, path) {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(wait);
  const file = `${label}_${name}.png`;
  await page.screenshot({ path: `${out}/${file}`, fullPage: process.env.FULL === '1' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  console.log(`${file}${overflow ? '  (horizontal overflow!)' : ''}`);
}

let found = null;
for (const [label, viewport, colorScheme] of VARIANTS) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  for (const entry of SIGNED_OUT) if (wanted(entry)) await shoot(page, label, entry[0], entry[1]);
  await signIn(page);
  found ??= await prepare(page);
  for (const [name, path] of SIGNED_IN) {
    if (!wanted([name, path])) continue;
    const target = path ?? found[name];
    if (target) await shoot(page, label, name, target);
  }
  await context.close();
}
await browser.close();
