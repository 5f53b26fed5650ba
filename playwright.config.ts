import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the demo portal, in the Chromium the system
 * provides (OPSDECK_CHROMIUM, default /usr/bin/chromium): Playwright never
 * downloads a browser here. The portal is started the way the README does,
 * with scripts/start.sh (backend and the new frontend system app), and the
 * legacy frontend system example with `yarn start:legacy`, unless they are
 * already running (outside CI).
 *
 * Project `app` tests packages/app, project `app-legacy` packages/app-legacy.
 * OPSDECK_E2E_BACKEND_URL, OPSDECK_E2E_APP_URL and OPSDECK_E2E_LEGACY_APP_URL
 * point the tests at servers already running elsewhere.
 */
const backendUrl =
  process.env.OPSDECK_E2E_BACKEND_URL ?? 'http://localhost:7007';
const appUrl = process.env.OPSDECK_E2E_APP_URL ?? 'http://localhost:3000';
const legacyAppUrl =
  process.env.OPSDECK_E2E_LEGACY_APP_URL ?? 'http://localhost:3001';

export default defineConfig({
  projects: [
    {
      name: 'app',
      testDir: 'packages/app/e2e-tests',
      use: { baseURL: appUrl },
    },
    {
      name: 'app-legacy',
      testDir: 'packages/app-legacy/e2e-tests',
      use: { baseURL: legacyAppUrl },
    },
  ],
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-reports/e2e.json' }],
    ['html', { open: 'never', outputFolder: 'test-reports/e2e-html' }],
  ],
  outputDir: 'test-results/e2e',
  webServer: [
    {
      command: './scripts/start.sh',
      url: `${backendUrl}/.backstage/health/v1/readiness`,
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: 'true',
      url: appUrl,
      reuseExistingServer: true,
      timeout: 600_000,
    },
    {
      command: 'yarn start:legacy',
      url: legacyAppUrl,
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
