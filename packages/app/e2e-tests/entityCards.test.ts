import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

/** The entity-page card whose header is `title`. */
function card(page: Page, title: string) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) });
}

const checkoutService = '/catalog/default/component/checkout-service';

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the checkout service’s overview shows its deployments, on-call and SLO cards', async ({
  page,
}, testInfo) => {
  await page.goto(checkoutService);

  // Deployments card: one row per environment, from the demo events the
  // backend ingested at start through its real ingestion code.
  const deployments = card(page, 'Deployments');
  await expect(deployments.getByText('production').first()).toBeVisible();
  await expect(deployments.getByText('staging').first()).toBeVisible();
  await expect(
    deployments.getByRole('link', { name: /run/ }).first(),
  ).toBeVisible();
  // The production canary in flight, with its step and traffic weight.
  await expect(deployments.getByRole('progressbar').first()).toBeVisible();
  await expect(deployments.getByText(/canary, step \d+/)).toBeVisible();

  // On-call card: the owner's rotation, every escalation level, an open
  // incident and the trigger button (the demo grants every permission).
  const onCall = card(page, 'On call');
  await expect(onCall.getByText(/Level 1/)).toBeVisible();
  await expect(onCall.getByText(/Level 2/)).toBeVisible();
  await expect(
    onCall.getByRole('link', { name: /@northwind\.example/ }).first(),
  ).toBeVisible();
  await expect(
    onCall.getByRole('button', { name: /trigger incident/i }),
  ).toBeVisible();
  // The rotation's owner as the catalog names it, linked to its page.
  await expect(
    onCall.getByRole('link', { name: 'Checkout', exact: true }),
  ).toHaveAttribute('href', /\/catalog\/default\/group\/checkout-team$/);

  // SLO card: labelled as demo data, with attainment, budget and burn rates.
  const slo = card(page, 'Service level objectives');
  await expect(slo.getByText(/Demo data/)).toBeVisible();
  await expect(slo.getByText('Checkout availability')).toBeVisible();
  await expect(slo.getByText(/Attainment \d+(\.\d+)?%/)).toBeVisible();
  await expect(slo.getByText(/page 1h\/5m/)).toBeVisible();
  await expect(slo.getByText(/budget left|budget exhausted/)).toBeVisible();
  await expect(slo.getByText(/exhausted in not burning/)).toHaveCount(0);

  await page.screenshot({
    path: testInfo.outputPath('checkout-service-cards.png'),
    fullPage: true,
  });
});

test('the Deployments tab shows DORA metrics with their bands and the history', async ({
  page,
}) => {
  await page.goto(`${checkoutService}/deployments`);
  await expect(page.getByText('DORA metrics')).toBeVisible();
  for (const metric of [
    /deployment frequency/i,
    /lead time for changes/i,
    /change failure rate/i,
    /failed deployment recovery/i,
  ]) {
    await expect(page.getByText(metric).first()).toBeVisible();
  }
  await expect(
    page.getByText(/^(elite|high|medium|low)$/).first(),
  ).toBeVisible();
  await expect(page.getByText(/Deployments \(\d+\)/)).toBeVisible();
});

test('the SLOs tab shows burn rates and the generated alert rules', async ({
  page,
}) => {
  await page.goto(`${checkoutService}/slos`);
  await expect(page.getByText('Checkout availability').first()).toBeVisible();
  await expect(page.getByText(/objective 99\.9%/).first()).toBeVisible();
  await expect(
    page.getByText(/alert: SloErrorBudgetBurn/).first(),
  ).toBeVisible();
});

test('the Incidents tab lists the demo incident and opens its timeline', async ({
  page,
}) => {
  await page.goto(`${checkoutService}/incidents`);
  const incident = page.getByText('Payment authorisation errors above 2%');
  await expect(incident.first()).toBeVisible();
  await incident.first().click();
  await expect(page.getByText(/acknowledged/i).first()).toBeVisible();
});

test('the Cost tab shows spend with its change, the forecast and the budget, for the period chosen', async ({
  page,
}) => {
  await page.goto(`${checkoutService}/cost`);
  await expect(page.getByText('Spend', { exact: true })).toBeVisible();
  await expect(page.getByText(/against the previous period/)).toBeVisible();
  await expect(page.getByText(/^Forecast \d{4}-\d{2}$/)).toBeVisible();
  await expect(page.getByText(/Budget €[\d,.]+/)).toBeVisible();
  await expect(page.getByText('Daily cost', { exact: true })).toBeVisible();

  // The last 30 days with data by default; choosing 90 days asks the
  // backend for them, keeps them in the address and changes every figure.
  const period = page.getByTestId('cost-period');
  await expect(period).toHaveText(
    /^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(30 days\)$/,
  );
  const thirtyDays = await period.textContent();
  await page.getByRole('button', { name: /^Period/ }).click();
  await page.getByRole('option', { name: 'Last 90 days' }).click();
  await expect(period).toHaveText(/ \(90 days\)$/);
  await expect(period).not.toHaveText(thirtyDays ?? '');
  await expect(page).toHaveURL(/[?&]period=90d\b/);
  const [from, to] = (await period.textContent())!.match(/\d{4}-\d{2}-\d{2}/g)!;
  await expect(
    card(page, 'Spend').getByText(`${from} to ${to}:`, { exact: false }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: new RegExp(`^Daily cost in .* from ${from} to ${to}:`),
    }),
  ).toBeVisible();
  await expect(page.getByText(/^Forecast \d{4}-\d{2}$/)).toBeVisible();

  // The address shows the same period.
  await page.reload();
  await expect(period).toHaveText(`${from} to ${to} (90 days)`);
});

test('the cost overview page shows the organisation’s spend per team and hints', async ({
  page,
}) => {
  await page.goto('/cost');
  await expect(page.getByText(/Unallocated/)).toBeVisible();
  await expect(page.getByText('Spend per team')).toBeVisible();
  await expect(page.getByText('checkout-team').first()).toBeVisible();
  // The owner tag names a catalog group: linked to it, under its title.
  await expect(
    page.getByRole('row', { name: /checkout-team/ }).getByRole('link'),
  ).toHaveAttribute('href', /\/catalog\/default\/group\/checkout-team$/);
  await expect(page.getByText(/Untagged spend/).first()).toBeVisible();
});
