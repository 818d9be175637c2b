import { expect, signUp, test, testAddress } from './fixtures';

const LIGHT_BG = 'rgb(246, 246, 250)';
const DARK_BG = 'rgb(14, 15, 21)';

test('the theme switch: an explicit choice wins over the OS both ways, persists, and arrives with the page', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await signUp(page);
  await page.goto('/settings');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const settings = page.getByTestId('theme-switch-full');
  const header = page.getByTestId('theme-switch-compact');
  await expect(settings.getByRole('radio', { name: 'System' })).toBeChecked();
  expect(await background()).toBe(LIGHT_BG);

  // Dark on a light system: at once, in both switches, and from the server on the next request.
  await settings.getByText('Dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(header).toHaveAccessibleName(/^Theme: Dark/);
  expect(await background()).toBe(DARK_BG);
  const html = await (await page.request.get('/dashboard')).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.goto('/patterns');
  expect(await background()).toBe(DARK_BG);
  await expect(header).toHaveAccessibleName(/^Theme: Dark/);

  // Light on a dark system, from the header's button with the keyboard (Dark → System → Light).
  await page.emulateMedia({ colorScheme: 'dark' });
  await header.focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAccessibleName(/^Theme: System/);
  await page.keyboard.press('Enter');
  await expect(header).toHaveAccessibleName(/^Theme: Light/);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(LIGHT_BG);

  // System again: the attribute and the cookie go, and the OS decides.
  await page.goto('/settings');
  await expect(settings.getByRole('radio', { name: 'Light' })).toBeChecked();
  await settings.getByText('System').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  expect(await background()).toBe(DARK_BG);
  expect((await page.context().cookies()).some((c) => c.name === 'pw-theme')).toBe(false);
  await page.reload();
  expect(await background()).toBe(DARK_BG);
  expect(consoleErrors).toEqual([]);
});

test('signing out keeps the learner on the host they used, even when it is not NEXTAUTH_URL', async ({ browser, baseURL }) => {
  // NEXTAUTH_URL is http://localhost:<port>; the same server answers on 127.0.0.1.
  const local = baseURL!.replace('localhost', '127.0.0.1');
  const context = await browser.newContext({ baseURL: local, extraHTTPHeaders: { 'x-forwarded-for': testAddress() } });
  const page = await context.newPage();
  await signUp(page);
  expect(new URL(page.url()).origin).toBe(local);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(`${local}/sign-in`);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
