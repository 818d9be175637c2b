import fs from 'node:fs';
import { withTestDb } from './db';
import YAML from 'yaml';
import { studyDayBounds } from '../lib/srs/day';
import { answer, appApi, expect, quizFile, signUp, test, type QuizQuestion } from './fixtures';


test('missing a question in the timeout quiz puts its flashcards in today\'s review; the questions come back another day, reshuffled', async ({ page, consoleErrors }) => {
  const learner = await signUp(page);
  const questions = quizFile('patterns/timeout');
  await page.goto('/patterns/timeout/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);

  // A reload shows the same quiz, in the same order.
  const firstId = await page.getByTestId('quiz-question').getAttribute('data-question-id');
  const firstOptions = await page.locator('[data-testid^="option-"]').allInnerTexts();
  await page.reload();
  await expect(page.getByTestId('quiz-question')).toHaveAttribute('data-question-id', firstId!);
  expect(await page.locator('[data-testid^="option-"]').allInnerTexts()).toEqual(firstOptions);

  // The order the quiz shows the question we are about to miss.
  const optionTexts = (selector: string) =>
    page.locator(selector).evaluateAll((els) => els.map((el) => (el.querySelector('span:not(.option-letter) > span') as HTMLElement).innerText.trim()));
  const quizOrder = await optionTexts('[data-testid^="option-"]');
  const missed = await answer(page, questions, false);
  await expect(page.getByTestId('feedback')).toContainText("now in today's review");
  // Feedback explains every option.
  await expect(page.locator('.option-why')).toHaveCount(missed.options.length);
  for (let i = 1; i < questions.length; i++) {
    await page.keyboard.press('Enter');
    await answer(page, questions, true);
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.getByTestId('quiz-score')).toHaveText(`${questions.length - 1} of ${questions.length} correct (${Math.round((100 * (questions.length - 1)) / questions.length)}%)`);
  await expect(page.getByRole('link', { name: 'Timeout' }).first()).toBeVisible();

  // No question of the quiz is due again on the same study day: /review holds only the
  // missed question's flashcards, even though the lesson was never marked read.
  const linked = new Set(missed.cards.map((k) => `timeout/${k}`));
  await page.goto('/review');
  const seen: string[] = [];
  for (let i = 0; i < linked.size + 2; i++) {
    const card = page.getByTestId('flashcard');
    if (!(await card.isVisible())) break;
    const id = (await card.getAttribute('data-item-id'))!;
    seen.push(id);
    await page.keyboard.press('Space');
    // Easy: the card graduates at once, so each shows once.
    await page.keyboard.press('4');
    await expect(page.locator(`[data-testid="flashcard"][data-item-id="${id}"]`)).toHaveCount(0);
  }
  expect(new Set(seen), `review showed ${seen.join(', ')}`).toEqual(linked);
  await expect(page.getByTestId('review-summary')).toBeVisible();

  // In the database: every question is due no earlier than the learner's next study day.
  await withTestDb(async (db) => {
    const user = (await db.get<{ id: string }>('select id from users where email = ?', learner.email))!;
    const s = (await db.get<{ timezone: string; hour: number }>('select timezone, day_start_hour as hour from user_settings where user_id = ?', user.id))!;
    const dayEnd = studyDayBounds(new Date(), { timezone: s.timezone, dayStartHour: s.hour }).end.getTime();
    const states = await db.all<{ itemId: string; due: number }>('select item_id as "itemId", due from card_states where user_id = ? and kind = \'question\'', user.id);
    expect(states).toHaveLength(questions.length);
    for (const st of states) expect(st.due, st.itemId).toBeGreaterThanOrEqual(dayEnd);
    // A day later the missed question is due, and /review shows its options in another order.
    await db.run('update card_states set due = ? where user_id = ? and item_id = ?', Date.now() - 60_000, user.id, `timeout/${missed.key}`);
  });
  await page.goto('/review');
  await expect(page.getByTestId('flashcard')).toHaveAttribute('data-item-id', `timeout/${missed.key}`);
  const reviewOrder = await optionTexts('[data-testid^="review-option-"]');
  expect([...reviewOrder].sort()).toEqual([...quizOrder].sort());
  expect(reviewOrder).not.toEqual(quizOrder);
  expect(consoleErrors).toEqual([]);
});

test('passing a quiz shows on the lesson page', async ({ page }) => {
  await signUp(page);
  const questions = quizFile('laws/correlated-failure');
  await page.goto('/laws/correlated-failure');
  await expect(page.getByTestId('quiz-status')).toContainText(`${questions.length} questions`);
  await page.getByRole('link', { name: 'Take the quiz' }).first().click();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  for (let i = 0; i < questions.length; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Next question →' }).click();
    await answer(page, questions, true);
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.getByTestId('quiz-verdict')).toContainText('Passed');
  await page.goto('/laws/correlated-failure');
  await expect(page.getByTestId('quiz-status')).toContainText('✓ Quiz passed');
  await expect(page.getByTestId('quiz-status')).toContainText(`best ${questions.length} of ${questions.length}`);
});

test('an interview whose timer runs out submits itself and shows the review', async ({ page }) => {
  await signUp(page);
  await page.clock.install();
  await page.goto('/quiz/interview');
  await page.getByLabel('10').check();
  await page.getByLabel('Time per question').selectOption('45');
  await page.getByLabel(/The whole library/).check();
  await page.getByRole('button', { name: 'Start the interview' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  await expect(page.getByTestId('timer')).toHaveText(/7:(30|29)/);
  // Answer two questions: no feedback is shown during an interview.
  await page.keyboard.press('1');
  await expect(page.getByText('Question 2 of 10')).toBeVisible();
  await expect(page.getByTestId('feedback')).toHaveCount(0);
  await page.keyboard.press('2');
  await expect(page.getByText('Question 3 of 10')).toBeVisible();

  await page.clock.fastForward('08:00');
  await expect(page.getByTestId('quiz-score')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('quiz-score')).toHaveText(/of 10 correct/);
  await expect(page.getByTestId('result-item')).toHaveCount(10);
  await expect(page.getByText('— not answered')).toHaveCount(8);

  await page.goto('/quiz/history');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByText('Interview trend')).toBeVisible();
});

test('quiz answers refuse bad input and change nothing', async ({ page }) => {
  await signUp(page);
  await page.goto('/patterns/timeout/quiz');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  const attemptId = page.url().split('/').pop()!;
  const questionId = (await page.getByTestId('quiz-question').getAttribute('data-question-id'))!;
  const api = await appApi(page);
  const url = `/api/quiz/attempts/${attemptId}/answers`;

  const notInAttempt = await api.post(url, { data: { questionId: 'retry-backoff/nope', position: 0 } });
  expect(notInAttempt.status()).toBe(400);
  expect((await notInAttempt.json()).error).toMatch(/not part of this quiz/);
  expect((await api.post(url, { data: { questionId, position: 9 } })).status()).toBe(400);
  expect((await api.post(url, { data: { questionId } })).status()).toBe(400);
  expect((await api.post(`/api/quiz/attempts/${crypto.randomUUID()}/answers`, { data: { questionId, position: 0 } })).status()).toBe(404);

  const first = await api.post(url, { data: { questionId, position: 0 } });
  expect(first.status()).toBe(201);
  const twice = await api.post(url, { data: { questionId, position: 1 } });
  expect(twice.status()).toBe(409);
  expect((await twice.json()).error).toMatch(/already answered/);

  // After finishing, answers are refused.
  expect((await api.post(`/api/quiz/attempts/${attemptId}/finish`)).status()).toBe(200);
  const other = questionId; // any question: the attempt is closed
  const late = await api.post(url, { data: { questionId: other, position: 0 } });
  expect(late.status()).toBe(409);
  await page.reload();
  await expect(page.getByTestId('quiz-score')).toHaveText(/^(0|1) of \d+ correct/);
});

test('the Pattern Quiz gives a score band and links the lessons of the questions missed', async ({ page }) => {
  await signUp(page);
  const quiz = YAML.parse(fs.readFileSync('content/quizzes/pattern-quiz.yaml', 'utf8')) as {
    bands: { min: number; title: string }[];
    questions: (QuizQuestion & { patterns: string[] })[];
  };
  expect(quiz.questions).toHaveLength(20);
  await page.goto('/quiz');
  await page.getByRole('link', { name: 'Take the quiz' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'The Pattern Quiz' })).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  const missed: (QuizQuestion & { patterns: string[] })[] = [];
  for (let i = 0; i < 20; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    const q = await answer(page, quiz.questions, i % 2 === 0);
    if (i % 2 !== 0) missed.push(q as QuizQuestion & { patterns: string[] });
  }
  await page.getByRole('button', { name: 'See results' }).click();
  await expect(page.getByTestId('quiz-score')).toHaveText('10 of 20 correct (50%)');
  const band = [...quiz.bands].sort((a, b) => b.min - a.min).find((b) => 10 >= b.min)!;
  await expect(page.getByTestId('quiz-band')).toContainText(band.title);
  const studyNext = page.getByRole('region', { name: 'Study next' });
  for (const q of missed) {
    const title = YAML.parse(fs.readFileSync(`content/patterns/${q.patterns[0]}/lesson.md`, 'utf8').split('---')[1]!).title as string;
    await expect(studyNext.getByRole('link', { name: title, exact: true })).toBeVisible();
  }
  // The summary comes first; each missed question links to the pattern it tested, not to the quiz.
  const order = await page.getByTestId('result-summary').evaluate((s) => {
    const list = document.querySelector('[data-testid="missed-list"]')!;
    return Boolean(s.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(order).toBe(true);
  const missedLinks = page.getByTestId('missed-list').locator('.result-lesson a');
  await expect(missedLinks).toHaveCount(missed.length);
  expect(new Set(await missedLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))).toEqual(
    new Set(missed.map((q) => `/patterns/${q.patterns[0]}`)),
  );
  await expect(page.getByTestId('missed-list').getByRole('link', { name: 'The Pattern Quiz' })).toHaveCount(0);
  // The ten right answers are there, collapsed.
  await expect(page.getByTestId('right-list')).toBeHidden();
  await expect(page.getByTestId('right-list').getByTestId('result-item')).toHaveCount(10);
});
