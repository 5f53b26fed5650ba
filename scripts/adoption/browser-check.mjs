#!/usr/bin/env node
// Browser check of the adoption test: in Debian's Chromium (never a
// downloaded browser), signs in as guest, opens the test entity and checks
// the Opsdeck cards on its overview and the Opsdeck tabs with their content.
//
//   node browser-check.mjs <app url> <screenshot dir>
//
// OPSDECK_CHROMIUM overrides /usr/bin/chromium. Exits 1 naming the first
// check that failed; a screenshot of the page is left in <screenshot dir>.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [appUrl, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const entityPath = '/catalog/default/component/adoption-service';
const TIMEOUT = 60_000;

const browser = await chromium.launch({
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
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.setDefaultTimeout(TIMEOUT);
const errors = [];
page.on('pageerror', error => errors.push(String(error)));

let current = 'start';
async function check(what, fn) {
  current = what;
  await fn();
  console.log(`ok: ${what}`);
}
const visible = locator =>
  locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
// A card by its title (the legacy dev app suffixes MUI class names: MuiCard-root-123).
const card = title =>
  page
    .locator('[class*="MuiCard-root"]')
    .filter({ has: page.getByText(title, { exact: true }) });
// An entity page's tab: a tab (legacy) or a link in the page's tab bar.
const tab = name =>
  page
    .getByRole('tab', { name, exact: true })
    .or(page.locator('main').getByRole('link', { name, exact: true }))
    .first();

try {
  await check('guest sign-in ("Enter")', async () => {
    await page.goto(appUrl);
    // The guest provider's sign-in page; the app's sidebar once signed in.
    const enter = page.getByRole('button', { name: 'Enter' });
    await visible(enter);
    await enter.click();
    await enter.waitFor({ state: 'hidden', timeout: TIMEOUT });
    await visible(page.getByRole('link', { name: /^(Catalog|Home)$/ }));
  });

  await check('the entity page opens', async () => {
    await page.goto(`${appUrl}${entityPath}`);
    await visible(page.getByRole('heading', { name: 'Adoption service' }));
  });

  await check(
    'Deployments card shows the reported production deployment',
    async () => {
      await visible(card('Deployments').getByText('1.0.0'));
    },
  );
  await check(
    "On call card shows the rotation's escalation level",
    async () => {
      await visible(card('On call').getByText(/Level 1/));
    },
  );
  await check(
    'Service level objectives card shows the SLO from the OpenSLO file',
    async () => {
      await visible(
        card('Service level objectives').getByText('Adoption availability'),
      );
    },
  );
  await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });

  for (const name of ['Deployments', 'SLOs', 'Incidents', 'Cost']) {
    await check(`tab ${name} is shown`, () => visible(tab(name)));
  }
  await check('Deployments tab shows DORA metrics', async () => {
    await tab('Deployments').click();
    await visible(page.getByText('DORA metrics'));
  });
  await check('SLOs tab shows the objective', async () => {
    await tab('SLOs').click();
    await visible(page.getByText(/objective 99\.5%/));
  });
  await check('Incidents tab opens', async () => {
    await tab('Incidents').click();
    await page.waitForURL(/\/incidents/);
  });
  await check('Cost tab shows the imported spend', async () => {
    await tab('Cost').click();
    await visible(page.getByText('Daily cost', { exact: true }));
  });
  await page.screenshot({ path: join(shots, 'cost.png'), fullPage: true });
} catch (error) {
  const shot = join(shots, 'failure.png');
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  console.error(
    `FAILED: ${current}: ${String(error).split('\n').slice(0, 8).join('\n')}`,
  );
  console.error(`page URL: ${page.url()}; screenshot: ${shot}`);
  if (errors.length)
    console.error(`page errors:\n${errors.slice(0, 5).join('\n')}`);
  await browser.close();
  process.exit(1);
}
await browser.close();
