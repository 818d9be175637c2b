import { expect, signUp, test } from './fixtures';

test('load balancing and easy days: the forecast follows the chosen days, and the choice is saved', async ({ page, consoleErrors }) => {
  await signUp(page);
  await page.goto('/settings');
  const balance = page.getByLabel('Balance my daily load');
  await expect(balance).toBeChecked();
  const days = page.getByTestId('easy-days');
  // A normal week: every day gets the same share.
  const mon = await page.getByTestId('forecast-mon').innerText();
  await expect(page.getByTestId('forecast-sat')).toHaveText(mon);

  // Saturday off and Sunday at half: the forecast moves their reviews onto the other days.
  await days.getByLabel('Saturday').selectOption('0');
  await days.getByLabel('Sunday').selectOption('0.5');
  await expect(page.getByTestId('forecast-sat')).toHaveText('≈ 0');
  const monAfter = Number((await page.getByTestId('forecast-mon').innerText()).replace('≈ ', ''));
  const sun = Number((await page.getByTestId('forecast-sun').innerText()).replace('≈ ', ''));
  expect(monAfter).toBeGreaterThan(Number(mon.replace('≈ ', '')));
  expect(sun).toBeGreaterThan(0);
  expect(sun).toBeLessThan(monAfter);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.reload();
  await expect(days.getByLabel('Saturday')).toHaveValue('0');
  await expect(days.getByLabel('Sunday')).toHaveValue('0.5');
  await expect(days.getByLabel('Monday')).toHaveValue('1');

  // Turning balancing off keeps the easy days for later, and says they are not used.
  await balance.uncheck();
  await expect(days.getByLabel('Saturday')).toBeDisabled();
  await expect(page.getByTestId('week-forecast')).toContainText('Turn on load balancing');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  await expect(balance).not.toBeChecked();
  await expect(days.getByLabel('Saturday')).toHaveValue('0');

  // A week with no day for reviews is refused with a message.
  await balance.check();
  for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) await days.getByLabel(d).selectOption('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('At least one day of the week must take reviews.')).toBeVisible();
  await page.reload();
  await expect(balance).not.toBeChecked();
  expect(consoleErrors).toEqual([]);
});
