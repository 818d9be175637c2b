import fs from 'node:fs';
import path from 'node:path';
import { expect, signUp, test, markRead } from './fixtures';

/** Every lesson, law and pillar in content/, as the URL the app serves it at. */
function topicUrls(): string[] {
  const dirs = (folder: string) =>
    fs
      .readdirSync(path.join('content', folder), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  return [
    ...dirs('patterns').map((s) => `/patterns/${s}`),
    ...dirs('laws').map((s) => `/laws/${s}`),
    ...dirs('pillars').map((s) => `/pillars/${s}`),
    ...dirs('case-studies').map((s) => `/case-studies/${s}`),
    ...dirs('domains').map((s) => `/domains/${s}`),
  ];
}

test('every lesson, law and pillar renders, every level and diagram draws, and no link is broken', async ({ page, consoleErrors }) => {
  test.setTimeout(600_000);
  await signUp(page);
  const urls = topicUrls();
  expect(urls.length).toBeGreaterThanOrEqual(44);
  const links = new Set<string>();

  for (const url of urls) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }), url).toBeVisible();
    const tabs = page.getByRole('tab');
    const levels = Math.max(1, await tabs.count());
    let scrolled = false;
    for (let i = 0; i < levels; i++) {
      if (i > 0) await tabs.nth(i).click();
      // Diagrams on the visible level are drawn as SVG, not left as source or an error, once
      // they come near the screen (Mermaid loads only then).
      const diagrams = page.locator('pre.mermaid');
      const n = await diagrams.count();
      // Mermaid loads when the page's first diagram comes near the screen, then draws them all.
      if (n > 0 && !scrolled) {
        // The pointer out of the way: hovering a flowchart node whose tooltip Mermaid animates
        // logs "transition is not a function" (a Mermaid bug), and scrolling moves nodes under it.
        await page.mouse.move(0, 0);
        await diagrams.first().scrollIntoViewIfNeeded();
        scrolled = true;
      }
      for (let d = 0; d < n; d++) {
        const diagram = diagrams.nth(d);
        await expect(diagram, `${url} level ${i + 1} diagram ${d + 1}`).toHaveAttribute('data-processed', 'true', { timeout: 15_000 });
        await expect(diagram.locator('svg'), `${url} level ${i + 1} diagram ${d + 1}`).toHaveCount(1);
        expect(await diagram.innerText(), `${url} diagram`).not.toMatch(/Syntax error|Parse error/i);
      }
      for (const href of await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
        links.add(href.split('#')[0]!);
      }
    }
    expect(consoleErrors, url).toEqual([]);
  }

  for (const href of links) {
    const res = await page.request.get(href);
    expect(res.status(), `link ${href}`).toBe(200);
  }
});

test('an unknown lesson is a 404 page, not an error', async ({ page }) => {
  await signUp(page);
  for (const url of ['/patterns/no-such-pattern', '/patterns/Bad_Slug!', '/laws/nope', '/pillars/nope']) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
  }
});

test('the catalog lists all 120 patterns, and each path leads on into the library at its level', async ({ page }) => {
  await signUp(page);
  const catalog = fs
    .readFileSync('content/catalog.tsv', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[2] !== 'tools');
  const written = fs.readdirSync('content/patterns').filter((d) => fs.existsSync(path.join('content/patterns', d, 'lesson.md')));
  await page.goto('/patterns');
  const lessons = catalog.filter((c) => written.includes(c[0]!)).length;
  await expect(page.getByTestId('catalog-count')).toHaveText(`${lessons} of ${catalog.length} patterns have a lesson`);
  const unwritten = catalog.find((c) => !written.includes(c[0]!));
  if (unwritten) {
    // Listed with its tagline, and not a link.
    const item = page.getByTestId(`unwritten-${unwritten[0]}`);
    await expect(item).toContainText(unwritten[1]!);
    await expect(item).toContainText(unwritten[5]!);
    await expect(item.locator('a')).toHaveCount(0);
  }
  // Every catalog pattern once, plus lessons the catalog does not list (Choosing Patterns).
  const extra = written.filter((w) => !catalog.some((c) => c[0] === w)).length;
  const caseStudies = fs.existsSync('content/case-studies') ? fs.readdirSync('content/case-studies').length : 0;
  await expect(page.locator('main .pattern-item:not([data-testid^="tool-"])')).toHaveCount(catalog.length + extra + caseStudies);

  // Circuit breaker is a beginner lesson outside the beginner path's seed steps.
  await page.goto('/paths/beginner');
  const further = page.getByTestId('going-further');
  await expect(further.getByRole('link', { name: 'Circuit Breaker' })).toBeVisible();
  await expect(page.getByTestId('further-done')).toHaveText(/^0 of \d+ done$/);
  // The seed's steps still decide the path's own completion.
  await expect(page.getByTestId('path-done')).toHaveText(/^0 of \d+ steps done$/);
});

test('a case study lists its sources and patterns, its patterns link back to it, and its cards join reviews once read', async ({ page }) => {
  const ids = fs.readdirSync('content/case-studies').sort();
  test.skip(ids.length === 0, 'no case study yet');
  await signUp(page);
  await page.goto('/case-studies');
  const id = ids[0]!;
  await page.getByTestId(`case-${id}`).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/case-studies/${id}$`));
  await expect(page.getByTestId('sources').getByRole('link').first()).toBeVisible();
  const pattern = page.locator('#answers ~ ul a[href^="/patterns/"], #answers ~ ol a[href^="/patterns/"]').first();
  const title = await page.getByRole('heading', { level: 1 }).innerText();
  const href = (await pattern.getAttribute('href'))!;
  await page.goto(href);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await markRead(page, `/case-studies/${id}`);
  await page.goto('/review');
  await expect(page.getByTestId('flashcard')).toHaveAttribute('data-item-id', new RegExp(`^case-studies/${id}/`));
  // Its quiz starts like any lesson's.
  await page.goto(`/case-studies/${id}/quiz`);
  await page.getByRole('button', { name: /Start/ }).first().click();
  await expect(page).toHaveURL(/\/quiz\/attempts\//);
});

test('the specialized patterns are grouped by subgroup with their domain overview, which lists every pattern in order', async ({ page }) => {
  await signUp(page);
  await page.goto('/patterns');
  const location = page.getByTestId('subgroup-Location & Mapping');
  await location.getByRole('link', { name: /Overview/ }).click();
  await expect(page).toHaveURL(/\/domains\/location$/);
  const listed = page.locator('#answers ~ ol > li');
  const expected = fs.readFileSync('content/catalog.tsv', 'utf8').split('\n').filter((l) => l.split('\t')[3] === 'Location & Mapping').length;
  await expect(listed).toHaveCount(expected);
});
