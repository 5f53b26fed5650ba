import { expect, Page, test } from '@playwright/test';

// The legacy frontend system example (packages/app-legacy) against the same
// demo backend as the new frontend system app: every Opsdeck legacy export
// placed as the root README's legacy install section says.

/**
 * The entity-page card whose header is `title`. The legacy app nests theme
 * providers, so Material UI numbers its class names (`MuiCard-root-581`).
 */
function card(page: Page, title: string) {
  return page
    .locator('[class*="MuiCard-root"]')
    .filter({ has: page.getByText(title, { exact: true }) });
}

/** The entity page's tab called `name`. */
function tab(page: Page, name: string) {
  return page.getByRole('tab', { name, exact: true });
}

/** Signs in with the guest provider; the app then opens the catalog. */
async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(
    page.getByRole('heading', { name: 'Northwind Shop Catalog' }),
  ).toBeVisible();
}

const checkoutService = '/catalog/default/component/checkout-service';
const money = /€[\d,]+\.\d{2}/;

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the checkout service’s overview shows the deployments, on-call and SLO cards with the demo data', async ({
  page,
}, testInfo) => {
  await page.goto(checkoutService);

  const deployments = card(page, 'Deployments');
  await expect(deployments.getByText('production').first()).toBeVisible();
  await expect(deployments.getByText('staging').first()).toBeVisible();
  await expect(deployments.getByText(/canary, step \d+/)).toBeVisible();

  const onCall = card(page, 'On call');
  await expect(onCall.getByText(/Level 1/)).toBeVisible();
  await expect(onCall.getByText(/Level 2/)).toBeVisible();
  await expect(
    onCall.getByRole('button', { name: /trigger incident/i }),
  ).toBeVisible();

  const slo = card(page, 'Service level objectives');
  await expect(slo.getByText('Checkout availability')).toBeVisible();
  await expect(slo.getByText(/Attainment \d+(\.\d+)?%/)).toBeVisible();
  await expect(slo.getByText(/budget left|budget exhausted/)).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('legacy-checkout-service-overview.png'),
    fullPage: true,
  });

  // The card's links lead into the legacy app's own routes: an open
  // incident to the Incidents tab, a person to their catalog page.
  await onCall
    .getByRole('link', { name: 'Payment authorisation errors above 2%' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service\/incidents\?incident=/,
  );
  await expect(page.getByText('Timeline')).toBeVisible();

  await page.goto(checkoutService);
  const person = card(page, 'On call')
    .locator('a[href*="/catalog/default/user/"]')
    .first();
  const name = (await person.textContent()) ?? '';
  expect(name).not.toBe('');
  await person.click();
  await expect(page).toHaveURL(/\/catalog\/default\/user\//);
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
});

test('each Opsdeck tab of the checkout service renders its content', async ({
  page,
}) => {
  await page.goto(checkoutService);
  for (const name of ['Deployments', 'SLOs', 'Incidents', 'Cost']) {
    await expect(tab(page, name)).toBeVisible();
  }

  await tab(page, 'Deployments').click();
  await expect(page).toHaveURL(`${checkoutService}/deployments`);
  await expect(page.getByText('DORA metrics')).toBeVisible();
  await expect(page.getByText(/deployment frequency/i).first()).toBeVisible();
  await expect(page.getByText(/Deployments \(\d+\)/)).toBeVisible();

  await tab(page, 'SLOs').click();
  await expect(page).toHaveURL(`${checkoutService}/slos`);
  await expect(page.getByText(/objective 99\.9%/).first()).toBeVisible();
  await expect(
    page.getByText(/alert: SloErrorBudgetBurn/).first(),
  ).toBeVisible();

  await tab(page, 'Incidents').click();
  await expect(page).toHaveURL(`${checkoutService}/incidents`);
  await page.getByText('Payment authorisation errors above 2%').first().click();
  await expect(page).toHaveURL(/\/incidents\?incident=/);
  await expect(page.getByText('Timeline')).toBeVisible();
  await expect(
    page.getByText('Acknowledged', { exact: true }).last(),
  ).toBeVisible();

  await tab(page, 'Cost').click();
  await expect(page).toHaveURL(`${checkoutService}/cost`);
  await expect(card(page, 'Spend').getByText(money).first()).toBeVisible();
  await expect(page.getByText(/against the previous period/)).toBeVisible();
  await expect(page.getByText(/^Forecast \d{4}-\d{2}$/)).toBeVisible();
  await expect(page.getByText(/Budget €[\d,.]+/)).toBeVisible();
  await expect(page.getByText('Daily cost', { exact: true })).toBeVisible();

  // The chosen period lives in the query string, under the legacy router too.
  await page.getByRole('button', { name: /^Period/ }).click();
  await page.getByRole('option', { name: 'Last 90 days' }).click();
  await expect(page).toHaveURL(/\/cost\?(.*&)?period=90d\b/);
  await expect(page.getByTestId('cost-period')).toHaveText(/ \(90 days\)$/);
});

test('the plugins’ conditions decide which tabs an entity gets', async ({
  page,
}) => {
  // A service without an OpenSLO file has no SLOs tab, the rest stay.
  await page.goto('/catalog/default/component/recommendations');
  await expect(tab(page, 'Deployments')).toBeVisible();
  await expect(tab(page, 'Incidents')).toBeVisible();
  await expect(tab(page, 'Cost')).toBeVisible();
  await expect(tab(page, 'SLOs')).toHaveCount(0);

  // An API gets none of Opsdeck's tabs.
  await page.goto('/catalog/default/api/checkout-api');
  await expect(tab(page, 'Overview')).toBeVisible();
  for (const name of ['Deployments', 'SLOs', 'Incidents', 'Cost']) {
    await expect(tab(page, name)).toHaveCount(0);
  }
});

test('the checkout team’s page has its on-call card and the Deployments, Incidents and Cost tabs', async ({
  page,
}) => {
  const team = '/catalog/default/group/checkout-team';
  await page.goto(team);
  await expect(card(page, 'On call').getByText(/Level 1/)).toBeVisible();

  await tab(page, 'Deployments').click();
  await expect(page).toHaveURL(`${team}/deployments`);
  await expect(page.getByText('DORA metrics')).toBeVisible();

  // Incidents are the group's own and those of the entities it owns: the
  // demo's checkout-service incident, with the entity it belongs to.
  await tab(page, 'Incidents').click();
  await expect(page).toHaveURL(`${team}/incidents`);
  const incident = page.getByRole('row', {
    name: /Payment authorisation errors above 2%/,
  });
  await expect(incident).toBeVisible();
  await expect(
    incident.getByRole('link', { name: /checkout/i }).first(),
  ).toHaveAttribute('href', /\/catalog\/default\/component\/checkout-service$/);

  await tab(page, 'Cost').click();
  await expect(page).toHaveURL(`${team}/cost`);
  await expect(card(page, 'Spend').getByText(money).first()).toBeVisible();
  await expect(page.getByText(/^Forecast \d{4}-\d{2}$/)).toBeVisible();
  await expect(page.getByText('Daily cost', { exact: true })).toBeVisible();
});

test('the shop system’s Cost tab shows its spend', async ({ page }) => {
  await page.goto('/catalog/default/system/shop');
  await expect(tab(page, 'Deployments')).toBeVisible();
  await tab(page, 'Cost').click();
  await expect(page).toHaveURL('/catalog/default/system/shop/cost');
  await expect(card(page, 'Spend').getByText(money).first()).toBeVisible();
  await expect(page.getByText('Daily cost', { exact: true })).toBeVisible();
});

test('the sidebar’s Cost item opens the organisation’s cost overview', async ({
  page,
}) => {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Cost', exact: true })
    .click();
  await expect(page).toHaveURL(/\/cost$/);
  await expect(
    page.getByText(/^Spend \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/),
  ).toBeVisible();
  await expect(page.getByText(/Unallocated/)).toBeVisible();
  await expect(page.getByText('Spend per team')).toBeVisible();
  await expect(page.getByText('checkout-team').first()).toBeVisible();
  await expect(page.getByText(money).first()).toBeVisible();

  // An owner tag naming a catalog group links to the group's page.
  await page
    .getByRole('row', { name: /checkout-team/ })
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/group\/checkout-team$/);
  await expect(tab(page, 'Cost')).toBeVisible();
});

test('the scaffolder page offers the templates', async ({ page }) => {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create...' })
    .click();
  await expect(page).toHaveURL(/\/create$/);
  await expect(page.getByText('Post-incident review')).toBeVisible();
});
