import fs from 'node:fs';
import YAML from 'yaml';
import type { Browser, Page } from '@playwright/test';
import { appApi, expect, quizFile, reviewOne, signUp, test, markRead } from './fixtures';

const SHOTS = process.env.TEAMS_SCREENSHOTS === '1';

async function learner(browser: Browser, name: string): Promise<{ page: Page; password: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { password } = await signUp(page, name);
  return { page, password };
}

/** Screenshots of a page at desktop and phone widths, light and dark (TEAMS_SCREENSHOTS=1). */
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screenshots/teams-${name}-${w}-${scheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('teams: A creates a team and invites B, assigns the beginner path; B studies; A sees B’s predicted recall; C gets 404; B sees only their row', async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await learner(browser, 'Alice Owner');
  const b = await learner(browser, 'Bob Member');
  const c = await learner(browser, 'Carol Outsider');

  // A creates a team and an invite link.
  await a.page.getByRole('button', { name: 'Menu' }).click();
  await a.page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: 'Teams' }).click();
  await expect(a.page).toHaveURL(/\/teams$/);
  await shoot(a.page, 'list-empty');
  await a.page.getByLabel('Name').fill('Platform onboarding');
  await a.page.getByLabel('Description (optional)').fill('New engineers on the platform team');
  await a.page.getByRole('button', { name: 'Create team' }).click();
  await expect(a.page).toHaveURL(/\/teams\/[0-9a-f-]{36}$/);
  const teamUrl = new URL(a.page.url()).pathname;
  const teamId = teamUrl.split('/').pop()!;
  await a.page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await a.page.getByTestId('invite-link').inputValue();
  expect(link).toMatch(/\/teams\/join\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

  // B opens it, sees what admins will see, and agrees.
  await b.page.goto(new URL(link).pathname);
  const consent = b.page.getByTestId('consent');
  await expect(consent).toContainText('What the team’s owner and admins will see');
  await expect(consent).toContainText('Your predicted recall of each assigned pattern');
  await expect(consent).toContainText('What they will never see');
  await shoot(b.page, 'join');
  await b.page.getByLabel(/I agree that this team’s owner and admins see/).check();
  await b.page.getByRole('button', { name: 'Join Platform onboarding' }).click();
  await expect(b.page).toHaveURL(new RegExp(`${teamUrl}$`));

  // A assigns the beginner path, due in 14 days.
  await a.page.reload();
  await expect(a.page.getByTestId('members')).toContainText('Bob Member');
  await expect(a.page.getByTestId('invites')).toContainText('Joined through it: Bob Member');
  await a.page.getByText('New assignment').click();
  const due = await a.page.getByLabel('Due date').inputValue();
  expect(Date.parse(`${due}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)).toBe(14 * 86_400_000);
  await a.page.getByLabel('Chosen patterns').check();
  await expect(a.page.getByRole('group', { name: 'Patterns' })).toBeVisible();
  await a.page.getByLabel('Stages of a path').check();
  await shoot(a.page, 'assign-form');
  await a.page.getByLabel('A whole path').check();
  await a.page.getByLabel('Path', { exact: true }).selectOption('beginner');
  await a.page.getByRole('button', { name: 'Assign' }).click();
  await expect(a.page.getByTestId('assignments')).toContainText('Beginner path');
  await expect(a.page.getByTestId('assignments')).toContainText(`Due ${due}`);

  // B's dashboard shows it; Continue opens the first lesson; B reads it and reviews its cards.
  await b.page.goto('/dashboard');
  const assignment = b.page.getByTestId('team-assignment');
  await expect(assignment).toContainText('Beginner path');
  await expect(assignment.getByTestId('assignment-summary')).toContainText(/\(1[45] days left\) · 0 of \d+ steps done · \d+ new cards to go: \d+ a day needed/);
  await shoot(b.page, 'dashboard');
  await assignment.getByTestId('assignment-continue').click();
  await expect(b.page).toHaveURL(/\/patterns\/choosing-patterns$/);
  await markRead(b.page);
  await b.page.goto('/review');
  const cards = new Set((YAML.parse(fs.readFileSync('content/patterns/choosing-patterns/cards.yaml', 'utf8')) as { key: string }[]).map((k) => `choosing-patterns/${k.key}`));
  const seen = new Set<string>();
  for (let i = 0; i < 80 && seen.size < cards.size; i++) {
    const id = await reviewOne(b.page, (t) => quizFile(t));
    if (cards.has(id)) seen.add(id);
  }
  expect(seen.size).toBe(cards.size);
  await expect(b.page.getByText('saving…')).toHaveCount(0);

  // A's team view: B's progress, predicted recall above 0 for that pattern, 0 for the unstudied ones.
  await a.page.goto(teamUrl);
  const bobRow = a.page.getByTestId('heatmap-row').filter({ hasText: 'Bob Member' });
  const studied = Number(await bobRow.getByTestId('recall-choosing-patterns').getAttribute('data-now'));
  expect(studied).toBeGreaterThan(0);
  expect(Number(await bobRow.getByTestId('recall-choosing-patterns').getAttribute('data-due'))).toBeGreaterThan(0);
  expect(Number(await bobRow.getByTestId('recall-timeout').getAttribute('data-now'))).toBe(0);
  expect(Number(await bobRow.getByTestId('recall-timeout').getAttribute('data-due'))).toBe(0);
  const bobProgress = a.page.getByTestId('progress-row').filter({ hasText: 'Bob Member' });
  await expect(bobProgress.getByTestId('lessons-read')).toHaveText(/^1 of \d+$/);
  await expect(bobProgress.getByTestId('cards-learned')).toHaveText(new RegExp(`^${cards.size} of \\d+$`));
  await expect(a.page.getByTestId('forgotten').getByRole('listitem').filter({ hasText: 'Bob Member:' })).toContainText('Timeout 0% on');
  await shoot(a.page, 'view-admin');

  // The CSV: one row per member.
  const apiA = await appApi(a.page);
  const csv = await apiA.get(`/api/teams/${teamId}/report`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['Alice Owner', 'Bob Member']);
  // From another site, refused.
  expect((await apiA.get(`/api/teams/${teamId}/report`, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status()).toBe(403);
  await apiA.dispose();

  // C, not a member, gets 404 on every team route with A's ids.
  expect((await c.page.goto(teamUrl))!.status()).toBe(404);
  await expect(c.page.getByRole('heading', { name: 'Team not found' })).toBeVisible();
  const apiC = await appApi(c.page);
  const foreign = await apiC.get(`/api/teams/${teamId}/report`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.json()).toEqual({ error: 'There is no such team, or you are not in it.' });
  await apiC.dispose();
  await c.page.goto('/teams');
  await expect(c.page.getByTestId('team-list')).toHaveCount(0);

  // B sees their own row and the team's averages, never A's row.
  await b.page.goto(teamUrl);
  await expect(b.page.getByTestId('heatmap-row')).toHaveCount(1);
  await expect(b.page.getByTestId('heatmap-row')).toContainText('Bob Member (you)');
  await expect(b.page.getByTestId('heatmap-average')).toBeVisible();
  await expect(b.page.getByText('Alice Owner')).toHaveCount(0);
  await expect(b.page.getByTestId('members')).toHaveCount(0);
  await expect(b.page.getByTestId('invites')).toHaveCount(0);
  await shoot(b.page, 'view-member');
  const apiB = await appApi(b.page);
  const bCsv = (await (await apiB.get(`/api/teams/${teamId}/report`)).text()).trim().split('\n');
  expect(bCsv).toHaveLength(2);
  expect(bCsv[1]).toMatch(/^Bob Member,member,/);
  await apiB.dispose();

  // A revoked invite gets a clear 404 and joins nobody.
  await a.page.goto(teamUrl);
  await a.page.getByTestId('invites').getByRole('button', { name: 'Revoke' }).click();
  await expect(a.page.getByTestId('invites')).toContainText('revoked');
  const res = await c.page.goto(new URL(link).pathname);
  expect(res!.status()).toBe(404);
  await expect(c.page.getByRole('heading', { name: 'This invite link cannot be used' })).toBeVisible();
  await c.page.goto('/teams');
  await expect(c.page.getByTestId('team-list')).toHaveCount(0);

  // A owns the team: deleting the account waits until it is handed on or deleted.
  await a.page.goto('/settings');
  const form = a.page.locator('form').filter({ has: a.page.getByRole('heading', { name: 'Delete my account' }) });
  await form.getByLabel('Your password').fill(a.password);
  await form.getByLabel(/cannot be undone/).check();
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(form.getByRole('alert')).toHaveText(/You own the team “Platform onboarding”.*nothing was deleted/);
  await a.page.goto('/teams');
  await expect(a.page.getByTestId('team-list')).toContainText('Platform onboarding');
  await shoot(a.page, 'list');

  // B leaves: the team loses access, B's own study stays.
  await b.page.goto(teamUrl);
  await b.page.getByLabel(/The team stops seeing my progress/).check();
  await b.page.getByRole('button', { name: 'Leave team' }).click();
  await expect(b.page).toHaveURL(/\/teams$/);
  expect((await b.page.goto(teamUrl))!.status()).toBe(404);
  await b.page.goto('/paths/beginner');
  await expect(b.page.getByTestId('step-choosing-patterns')).toContainText(`Cards learned: ${cards.size} of ${cards.size}`);
});
