import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the demo portal, in the Chromium the system
 * provides (OPSDECK_CHROMIUM, default /usr/bin/chromium): Playwright never
 * downloads a browser here. The portal is started the way the README does,
 * with scripts/start.sh, unless one is already running (outside CI).
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
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
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: 'true',
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 600_000,
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
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
