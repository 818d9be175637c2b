import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { DB_FILE } from './e2e/db';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// E2E_DATABASE_URL: run the journeys on another database (npm test's PostgreSQL run gives a fresh one).
const databaseUrl = process.env.E2E_DATABASE_URL ?? DB_FILE;
// A fresh database file for every run, so journeys start from an empty app. Workers load this
// file too: only the main process (before it starts the server) clears it.
if (!process.env.PLAYWRIGHT_REUSE_DB && !process.env.E2E_DATABASE_URL && process.env.TEST_WORKER_INDEX === undefined) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB_FILE + suffix, { force: true });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // A production build (npm test builds first; start.mjs builds if there is none).
    command: 'node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: 'e2e-secret-that-is-long-enough-123456',
    },
  },
});
