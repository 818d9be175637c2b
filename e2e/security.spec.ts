import crypto from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { withTestDb } from './db';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signUp, test, testAddress, type Learner } from './fixtures';

const EVIL = ['/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example', 'javascript:alert(document.domain)'];

/** Collects CSP violations, both as the browser reports them to the page and in the console. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate)/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function signInWithForm(page: Page, learner: Learner, password = learner.password) {
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('every page loads under the CSP without a violation, with the security headers, and diagrams still draw', async ({ page }) => {
  test.setTimeout(180_000);
  const violations = await watchCsp(page);
  const check = async (url: string) => {
    const res = await page.goto(url);
    expect(res, url).not.toBeNull();
    const h = res!.headers();
    const csp = h['content-security-policy'] ?? '';
    expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, url).toMatch(/frame-ancestors 'none'/);
    expect(csp, url).not.toMatch(/unsafe-eval/);
    expect(h['x-content-type-options'], url).toBe('nosniff');
    expect(h['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy'], url).toMatch(/camera=\(\)/);
    expect(h['cross-origin-opener-policy'], url).toBe('same-origin');
    // Next put the nonce on its scripts and they ran: the page is interactive.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => ({ nonce: (e as HTMLScriptElement).nonce, src: (e as HTMLScriptElement).src })));
    expect(scripts.map((s) => s.nonce), url).toContain(nonce);
    // Inline scripts run only with the nonce; the rest were loaded by a script that had it ('strict-dynamic').
    for (const script of scripts.filter((s) => !s.src)) expect(script.nonce, url).toBe(nonce);
    await page.waitForLoadState('networkidle');
  };

  for (const url of ['/', '/sign-in', '/sign-up', '/no-such-page']) await check(url);
  await signUp(page);
  for (const url of [
    '/dashboard',
    '/welcome',
    '/review',
    '/patterns',
    '/patterns/timeout',
    '/laws/asynchronous-reality',
    '/pillars/control',
    '/paths',
    '/paths/beginner',
    '/quiz',
    '/quiz/interview',
    '/quiz/history',
    '/quiz/pattern-quiz',
    '/patterns/timeout/quiz',
    '/cards',
    '/teams',
    '/settings',
  ]) {
    await check(url);
  }
  // A quiz attempt page.
  await page.goto('/patterns/timeout/quiz');
  await page.getByRole('button', { name: /Start/ }).first().click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
  await check(page.url());

  // Mermaid draws under the CSP: no eval, its lazy bundle comes from our own build.
  await check('/patterns/saga');
  const tabs = page.getByRole('tab');
  for (let i = 0; (await page.locator('pre.mermaid').count()) === 0 && i < (await tabs.count()); i++) await tabs.nth(i).click();
  // Mermaid loads when a diagram comes near the screen.
  await page.mouse.move(0, 0);
  await page.locator('pre.mermaid').first().scrollIntoViewIfNeeded();
  await expect(page.locator('pre.mermaid').first()).toHaveAttribute('data-processed', 'true', { timeout: 15_000 });
  await expect(page.locator('pre.mermaid svg').first()).toBeVisible();

  // Static assets carry the fixed headers too.
  const asset = await page.evaluate(() => (document.querySelector('script[src*="/_next/static/"]') as HTMLScriptElement).src);
  const res = await page.request.get(asset);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  // Route handlers too.
  const api = await page.request.get('/api/health');
  expect(api.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(api.headers()['x-content-type-options']).toBe('nosniff');

  expect(violations).toEqual([]);
});

test('callbackUrl never leaves the site: the sign-in form and a signed-in visit both land on the dashboard', async ({ page }) => {
  test.setTimeout(120_000);
  const learner = await signUp(page);
  // Signed in: /sign-in?callbackUrl=… redirects straight away.
  for (const cb of EVIL) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(cb)}`);
    await expect(page, cb).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
  }
  // Our own paths are kept.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/settings')}`);
  await expect(page).toHaveURL(/\/settings$/);

  // Signed out: the form follows only our own paths.
  await signOut(page);
  for (const cb of EVIL) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(cb)}`);
    await signInWithForm(page, learner);
    await expect(page, cb).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
    await signOut(page);
  }
  // next-auth's own endpoints refuse an off-site callbackUrl with 400, not 500.
  for (const cb of EVIL) {
    const res = await page.request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(cb)}`, { maxRedirects: 0 });
    expect(res.status(), cb).toBe(400);
  }
});

async function credentialsPost(request: APIRequestContext, email: string, password: string, address: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', {
    form: { email, password, csrfToken, json: 'true', callbackUrl: '/dashboard' },
    headers: { 'x-forwarded-for': address },
    maxRedirects: 0,
  });
}

test('after 5 failed sign-ins the account waits, even with the right password: a clear message, 429 and Retry-After', async ({ page }) => {
  const learner = await signUp(page);
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await signInWithForm(page, learner, `wrong-password-${i}`);
    await expect(page.locator('.alert-error')).toHaveText(/Wrong email or password/);
  }
  await signInWithForm(page, learner);
  await expect(page.locator('.alert-error')).toHaveText(/Too many failed sign-ins\. For your account's safety, wait \d+ seconds and try again\./);
  await expect(page).toHaveURL(/\/sign-in/);
  // From another address too: the account itself waits. The status is 429 with Retry-After.
  const res = await credentialsPost(page.request, learner.email, learner.password, testAddress());
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign-up is limited per address', async ({ browser }) => {
  test.setTimeout(120_000);
  const address = testAddress();
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
  const page = await context.newPage();
  for (let i = 0; i <= 10; i++) {
    await context.clearCookies();
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill(`burst-${Date.now()}-${i}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    if (i < 10) await expect(page).toHaveURL(/\/welcome$/);
    else await expect(page.locator('.alert-error')).toHaveText(/Too many accounts were created from your network recently\. Try again in \d+ minutes/);
  }
  await context.close();
});

test('sign-up refuses a common password and says why', async ({ page }) => {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(`common-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#password-error')).toHaveText(/too easy to guess: this is similar to a commonly used password/);
  await expect(page).toHaveURL(/\/sign-up/);
});

test('an account made before the password rules still signs in with its common password', async ({ page }) => {
  // As if created before this release: written straight into the server's database.
  const email = `legacy-${Date.now()}@example.com`;
  await withTestDb(async (db) => {
    const id = crypto.randomUUID();
    await db.run('insert into users (id, email, password_hash) values (?, ?, ?)', id, email, await hash('password1234', { algorithm: 2 }));
    await db.run('insert into user_settings (user_id) values (?)', id);
  });
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': testAddress() });
  await page.goto('/sign-in');
  await signInWithForm(page, { email, password: 'password1234' });
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('signing out ends the session: a copied cookie no longer works', async ({ page, browser }) => {
  await signUp(page);
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes('session-token'))).toBe(true);
  await signOut(page);
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const other = await thief.newPage();
  await other.goto('/dashboard');
  await expect(other).toHaveURL(/\/sign-in/);
  const res = await other.request.get('/api/export');
  expect(res.status()).toBe(401);
  await thief.close();
});

test('Settings: sign out everywhere ends every session; a password change needs the current one and ends the others', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const learner = await signUp(page);
  // A second device.
  const device = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': testAddress() } });
  const second = await device.newPage();
  await second.goto('/sign-in');
  await signInWithForm(second, learner);
  await expect(second).toHaveURL(/\/dashboard$/);

  // Password change: the current password is required, weak ones are refused.
  await page.goto('/settings');
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('velvet tractor mango');
  await page.getByLabel('New password again').fill('velvet tractor mango');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#currentPassword-error')).toHaveText('That is not your current password.');
  await page.getByLabel('Current password').fill(learner.password);
  await page.getByLabel('New password', { exact: true }).fill('iloveyou1234');
  await page.getByLabel('New password again').fill('iloveyou1234');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#newPassword-error')).toHaveText(/too easy to guess/);
  await page.getByLabel('Current password').fill(learner.password);
  await page.getByLabel('New password', { exact: true }).fill('velvet tractor mango');
  await page.getByLabel('New password again').fill('velvet tractor mango');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('password-changed')).toBeVisible();
  // This device is signed in again with the new password; the other one is signed out.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  await second.goto('/dashboard');
  await expect(second).toHaveURL(/\/sign-in/);
  // The old password no longer works, the new one does.
  await signInWithForm(second, learner);
  await expect(second.locator('.alert-error')).toHaveText(/Wrong email or password/);
  await signInWithForm(second, learner, 'velvet tractor mango');
  await expect(second).toHaveURL(/\/dashboard$/);

  // Sign out everywhere: both devices are signed out.
  const copied = await page.context().cookies();
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await second.goto('/dashboard');
  await expect(second).toHaveURL(/\/sign-in/);
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const third = await thief.newPage();
  await third.goto('/settings');
  await expect(third).toHaveURL(/\/sign-in/);
  await thief.close();
  await device.close();
});

test('state-changing route handlers refuse other origins and bodies that are not JSON', async ({ page, baseURL }) => {
  await signUp(page);
  const ours = { origin: baseURL! };
  const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
  const id = '00000000-0000-4000-8000-000000000001';
  const body = JSON.stringify({ id, itemId: 'timeout/what-is', rating: 3, durationMs: 0 });
  const cases: [string, string, Record<string, string>, string | undefined, number][] = [
    ['POST', '/api/reviews', { ...evil, 'content-type': 'application/json' }, body, 403],
    ['POST', '/api/reviews', { ...ours, 'content-type': 'text/plain' }, body, 415],
    ['POST', '/api/reviews', { ...ours, 'content-type': 'application/x-www-form-urlencoded' }, 'id=1', 415],
    ['POST', '/api/reviews', { 'content-type': 'application/json' }, body, 403],
    ['DELETE', `/api/reviews/${id}`, evil, undefined, 403],
    ['POST', `/api/quiz/attempts/${id}/answers`, { ...evil, 'content-type': 'application/json' }, '{"questionId":"x/y","position":0}', 403],
    ['POST', `/api/quiz/attempts/${id}/answers`, { ...ours, 'content-type': 'text/plain' }, '{"questionId":"x/y","position":0}', 415],
    ['POST', `/api/quiz/attempts/${id}/finish`, evil, undefined, 403],
    ['POST', `/api/quiz/attempts/${id}/finish`, { ...ours, 'content-type': 'text/plain' }, 'x', 415],
    ['POST', '/api/optimizer', evil, undefined, 403],
    ['GET', '/api/export', { 'sec-fetch-site': 'cross-site' }, undefined, 403],
    ['GET', `/api/optimizer/${id}`, { 'sec-fetch-site': 'cross-site' }, undefined, 403],
  ];
  for (const [method, url, headers, data, status] of cases) {
    const res = await page.request.fetch(url, { method, headers, data });
    expect(res.status(), `${method} ${url} ${JSON.stringify(headers)}`).toBe(status);
  }
  // The app's own requests still work (export from a same-origin page).
  const ok = await page.request.get('/api/export', { headers: { 'sec-fetch-site': 'same-origin' } });
  expect(ok.status()).toBe(200);
});

test('bad input gets a 4xx, never a 500: oversized bodies, broken UTF-8 paths, javascript: callbacks', async ({ page, baseURL }) => {
  await signUp(page);
  const big = 'x'.repeat(1024 * 1024 + 10);
  const r1 = await page.request.post('/api/reviews', { headers: { origin: baseURL!, 'content-type': 'application/json' }, data: big });
  expect(r1.status()).toBe(413);
  const r2 = await page.request.post('/settings', { headers: { origin: baseURL!, 'next-action': 'x'.repeat(42), 'content-type': 'text/plain' }, data: big });
  expect(r2.status()).toBe(413);
  for (const path of ['/patterns/%E0%A4%A', '/%C0%AF', '/api/reviews/%FF', '/patterns/%']) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBeLessThan(500);
    expect(res.status(), path).toBeGreaterThanOrEqual(400);
  }
  const r3 = await page.request.get('/api/auth/signin?callbackUrl=javascript:alert(1)', { maxRedirects: 0 });
  expect(r3.status()).toBe(400);
  const r4 = await page.request.post('/api/auth/signout', { form: { callbackUrl: 'javascript:alert(1)', csrfToken: 'x' }, maxRedirects: 0 });
  expect(r4.status()).toBeLessThan(500);
});

test('the optimizer: one run at a time and a daily cap, answered with 429 and a message', async ({ page, baseURL }) => {
  await signUp(page);
  const headers = { origin: baseURL!, 'content-type': 'application/json' };
  for (let i = 0; i < 5; i++) {
    const res = await page.request.post('/api/optimizer', { headers });
    expect(res.status(), `run ${i + 1}`).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    // A new learner has no reviews: the run fails at once; wait for it to settle.
    await expect
      .poll(async () => ((await (await page.request.get(`/api/optimizer/${runId}`)).json()) as { status: string }).status)
      .toMatch(/done|failed/);
  }
  const res = await page.request.post('/api/optimizer', { headers });
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  expect(((await res.json()) as { error: string }).error).toMatch(/5 times in the last 24 hours/);
  // In Settings the button waits, with its reason, until the learner has enough reviews to fit.
  await page.goto('/settings');
  await expect(page.getByRole('button', { name: 'Optimize my parameters' })).toBeDisabled();
  await expect(page.getByText(/Available after 400 reviews/)).toBeVisible();
});
