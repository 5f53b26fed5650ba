import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('a guest sees the demo catalog and a service’s entity page', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);

  // The catalog is the landing page, on the components the guest's team
  // owns: the guest is in the checkout team of the demo company, and
  // Opsdeck's own packages are not in the demo catalog.
  await expect(
    page.getByRole('heading', { name: /Northwind Shop Catalog/ }),
  ).toBeVisible();
  const checkoutLink = page.getByRole('link', { name: 'Checkout service' });
  await expect(checkoutLink).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments API' }).first(),
  ).toBeVisible();
  // The search team's service is not the checkout team's.
  await expect(page.getByRole('link', { name: 'Search service' })).toHaveCount(
    0,
  );
  await expect(page.getByText('@opsdeck/plugin-slo')).toHaveCount(0);

  // Every component of the demo company, none of Opsdeck's packages.
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  await expect(
    page.getByRole('link', { name: 'Search service' }),
  ).toBeVisible();
  await expect(page.getByText(/@opsdeck\//)).toHaveCount(0);
  await page.goto('/');

  await checkoutLink.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );

  // The entity page shows what the catalog knows about the service.
  await expect(
    page.getByRole('heading', { name: 'Checkout service' }).first(),
  ).toBeVisible();
  const about = page.getByText(
    'Turns a basket into an order; calls the payments API and reserves stock.',
  );
  await expect(about.first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Checkout', exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Online shop' }).first(),
  ).toBeVisible();
  await expect(page.getByText('production').first()).toBeVisible();
  // Its relations: the API it consumes and the database it depends on.
  await expect(
    page.getByRole('link', { name: 'Payments API' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Orders database' }).first(),
  ).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('entity-page-checkout-service.png'),
    fullPage: true,
  });
});
