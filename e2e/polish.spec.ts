import { answer, expect, quizFile, signUp, test, markRead } from './fixtures';

test('a five-level lesson ends on its last level with Mark as read, its quiz and the next step of the path', async ({ page, consoleErrors }) => {
  await signUp(page);
  await page.goto('/patterns/timeout');
  const aside = page.getByRole('complementary', { name: 'About this lesson' });
  // Level 1 leads on to Level 2; the lesson's end is not offered here, only in the sidebar.
  await expect(page.getByRole('button', { name: /Level 2: .* →/ })).toBeVisible();
  await expect(page.getByTestId('lesson-end')).toHaveCount(0);
  await expect(aside.getByRole('button', { name: 'Mark as read' })).toBeVisible();

  // Level 4 still leads on; from Level 5 (and the quick reference after it) the lesson ends.
  await page.getByRole('tab', { name: /^4 · / }).click();
  await expect(page.getByTestId('lesson-end')).toHaveCount(0);
  await page.getByRole('tab', { name: /^5 · / }).click();
  const end = page.getByTestId('lesson-end');
  await expect(end).toBeVisible();
  await expect(end.getByRole('heading', { name: 'Finished this lesson?' })).toBeVisible();
  await expect(end.getByRole('link', { name: 'Take the quiz' })).toHaveAttribute('href', '/patterns/timeout/quiz');
  // A new learner follows the beginner path: Timeout is step 2, Retry & Backoff step 3.
  const next = page.getByTestId('lesson-end-next');
  await expect(next).toContainText(/Step 3 of \d+ on the Beginner path/);
  await expect(next.getByRole('link', { name: 'Read Retry & Backoff' })).toHaveAttribute('href', '/patterns/retry-backoff');
  await end.getByRole('button', { name: 'Mark as read' }).click();
  await expect(end.getByText(/✓ Read/)).toBeVisible();
  await expect(aside.getByText(/✓ Read/)).toBeVisible();

  // A standard lesson ends after its last section; its next step skips what is read.
  await page.goto('/patterns/choosing-patterns');
  await expect(page.getByTestId('lesson-end')).toBeVisible();
  await expect(page.getByTestId('lesson-end-next').getByRole('link', { name: 'Read Retry & Backoff' })).toBeVisible();

  // On a phone the sidebar comes after the text: Mark as read is not offered under Level 1.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/patterns/retry-backoff');
  await expect(page.getByRole('button', { name: /Level 2: .* →/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveCount(0);
  await page.getByRole('tab').last().click();
  await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveCount(1);
  await expect(page.getByTestId('lesson-end-next').getByRole('link', { name: /^Read / })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the review screen labels New, Learning and Due and its progress bar advances; the empty state offers the next lesson', async ({ page, consoleErrors }) => {
  await signUp(page);
  await page.goto('/review');
  const next = page.getByTestId('review-next');
  const read = next.getByRole('link', { name: 'Read Choosing Patterns' });
  await expect(read).toHaveAttribute('href', '/patterns/choosing-patterns');
  await expect(read).toHaveClass(/btn-primary/);
  await expect(page.getByRole('link', { name: 'Back to today' })).not.toHaveClass(/btn-primary/);
  await read.click();
  await markRead(page);

  await page.goto('/review');
  const counts = page.getByRole('list', { name: 'Left in this session' });
  const count = async (cls: string) => Number(await counts.locator(`.${cls} .count-n`).innerText());
  await expect(counts.locator('.count-new')).toHaveText(/^\d+ New$/);
  await expect(counts.locator('.count-learning')).toHaveText(/^0 Learning$/);
  await expect(counts.locator('.count-review')).toHaveText(/^0 Due$/);
  const fresh = await count('count-new');
  expect(fresh).toBeGreaterThan(2);
  const bar = page.getByRole('progressbar', { name: 'Session progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  await expect(bar).toHaveAttribute('aria-valuetext', `0 of ${fresh} done`);

  // Easy: the new card leaves today's session.
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await expect(bar).toHaveAttribute('aria-valuetext', `1 of ${fresh} done`);
  await expect(counts.locator('.count-new')).toHaveText(`${fresh - 1} New`);
  // Good: it stays in learning and comes back in this session, so the session grows by one.
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(bar).toHaveAttribute('aria-valuetext', `2 of ${fresh + 1} done`);
  await expect(counts.locator('.count-learning')).toHaveText('1 Learning');
  await expect(page.getByRole('status').filter({ hasText: `2 of ${fresh + 1} done` })).toBeVisible();
  await expect(page.getByText('saving…')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('an interview asks before Submit now ends it with questions unanswered; the result shows the summary first and links each miss to its lesson', async ({
  page,
  consoleErrors,
}) => {
  await signUp(page);
  await page.goto('/quiz/interview');
  await page.getByLabel('10').check();
  await page.getByLabel(/The whole library/).check();
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  // The runner focuses the question once it is running: keys go to it from then on.
  await expect(page.getByTestId('quiz-question').getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('1');
  await expect(page.getByText('Question 2 of 10')).toBeVisible();

  await page.getByRole('button', { name: 'Submit now' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Submit with 9 of 10 unanswered?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep answering' })).toBeFocused();
  // While it asks, number keys answer nothing; Escape keeps the mock going.
  await page.keyboard.press('2');
  await expect(page.getByText(/^1 of 10 answered/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Submit now' })).toBeFocused();
  await expect(page.getByText('Question 2 of 10')).toBeVisible();

  await page.getByRole('button', { name: 'Submit now' }).click();
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByTestId('quiz-score')).toHaveText(/^[01] of 10 correct/);
  const summary = page.getByTestId('result-summary');
  const missed = page.getByTestId('missed-list');
  await expect(summary).toContainText('Not passed yet');
  await expect(page.getByTestId('interview-time')).toContainText('1 of 10 answered');
  const summaryFirst = await summary.evaluate((s) => {
    const list = document.querySelector('[data-testid="missed-list"]')!;
    return Boolean(s.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(summaryFirst).toBe(true);
  const items = missed.getByTestId('result-item');
  expect(await items.count()).toBeGreaterThanOrEqual(9);
  await expect(missed.getByText('— not answered')).toHaveCount(9);
  for (const item of await items.all()) {
    const link = item.locator('.result-lesson a');
    await expect(link).toHaveAttribute('href', /^\/(patterns|laws|pillars|case-studies|domains|practice|combinations|tools)\//);
    await expect(link).not.toHaveText('The Pattern Quiz');
  }
  expect(consoleErrors).toEqual([]);
});

test('a pass looks like a pass, with a celebration that respects reduced motion; right answers are collapsed', async ({ page, consoleErrors }) => {
  await signUp(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const questions = quizFile('laws/correlated-failure');
  await page.goto('/laws/correlated-failure/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  for (let i = 0; i < questions.length; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    await answer(page, questions, true);
  }
  await page.getByRole('button', { name: 'See results' }).click();
  const summary = page.getByTestId('result-summary');
  await expect(summary).toHaveClass(/is-pass/);
  await expect(page.getByTestId('quiz-verdict')).toContainText('Passed');
  // Reduced motion: no confetti, no pop.
  await expect(summary.locator('.confetti i').first()).toBeHidden();
  expect(await summary.locator('.result-badge').evaluate((b) => getComputedStyle(b).animationName)).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect(summary.locator('.confetti i').first()).toBeAttached();
  expect(await summary.locator('.result-badge').evaluate((b) => getComputedStyle(b).animationName)).toBe('result-pop');
  // Nothing missed; the right answers are there, collapsed.
  await expect(page.getByTestId('missed-list')).toHaveCount(0);
  const right = page.locator('details.result-right');
  await expect(right).not.toHaveAttribute('open');
  await expect(page.getByTestId('right-list')).toBeHidden();
  await right.locator('summary').click();
  await expect(page.getByTestId('right-list').getByTestId('result-item')).toHaveCount(questions.length);
  expect(consoleErrors).toEqual([]);
});
