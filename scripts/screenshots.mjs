#!/usr/bin/env node
/**
 * Screenshots of the main pages at desktop and phone width, light and dark, for a human
 * to look at: `node scripts/screenshots.mjs [baseURL] [outDir]` against a running app.
 * Signs in as the demo learner.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? 'test-results/screenshots';
fs.mkdirSync(out, { recursive: true });
const pages = (process.env.PAGES ?? '/dashboard,/patterns,/patterns/timeout,/review,/laws/correlated-failure').split(',');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const [label, viewport, scheme] of [
  ['desktop', { width: 1280, height: 900 }, 'light'],
  ['phone', { width: 390, height: 844 }, 'light'],
  ['phone-dark', { width: 390, height: 844 }, 'dark'],
  ['desktop-dark', { width: 1280, height: 900 }, 'dark'],
]) {
  const context = await browser.newContext({ viewport, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(process.env.EMAIL ?? 'demo@patternwise.dev');
  await page.getByLabel('Password').fill(process.env.PASSWORD ?? 'patterns-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/dashboard/);
  for (const p of pages) {
    await page.goto(`${base}${p}`);
    await page.waitForTimeout(Number(process.env.WAIT ?? 600));
    const name = `${label}${p.replace(/[^a-z0-9]+/gi, '_')}.png`;
    await page.screenshot({ path: `${out}/${name}`, fullPage: process.env.FULL === '1' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(`${name}${overflow ? '  (horizontal overflow!)' : ''}`);
  }
  await context.close();
}
await browser.close();
