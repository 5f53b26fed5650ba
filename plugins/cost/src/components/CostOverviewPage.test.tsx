import { Entity } from '@backstage/catalog-model';
import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CostApi, costApiRef } from '../api/CostApi';
import { costRows } from '../__fixtures__/costRows';
import { InMemoryCostApi } from '../__fixtures__/InMemoryCostApi';
import { LocationProbe } from '../__fixtures__/LocationProbe';
import { CostOverviewContent } from './CostOverviewPage';

const group = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'team', children: [] },
});

/** The catalog knows checkout-team and search-team, not legacy-team. */
const catalog = () =>
  catalogApiMock({
    entities: [group('checkout-team', 'Checkout'), group('search-team')],
  });

function costApi(overrides: Partial<CostApi> = {}) {
  return Object.assign(new InMemoryCostApi(costRows()), overrides);
}

function render(
  api: CostApi,
  options: { search?: string; catalogApi?: CatalogApi } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [costApiRef, api],
        [catalogApiRef, options.catalogApi ?? catalog()],
      ]}
    >
      <CostOverviewContent />
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: [`/cost${options.search ?? ''}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const periods = (api: InMemoryCostApi, method: keyof CostApi) =>
  api.requests.filter(r => r.method === method).map(r => r.period);

const row = (name: RegExp) => screen.getByRole('row', { name });

describe('CostOverviewContent', () => {
  it('shows progress while loading', async () => {
    await render(costApi({ getOverview: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows an error', async () => {
    await render(
      costApi({
        getOverview: () => Promise.reject(new Error('no database')),
      }),
    );
    expect((await screen.findAllByText(/no database/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains how to import data when there is none', async () => {
    await render(new InMemoryCostApi([]));
    expect(
      await screen.findByText('No cost data imported yet'),
    ).toBeInTheDocument();
  });

  it('shows the last 30 days: total, unallocated spend, hints and teams linked to their groups', async () => {
    const api = costApi();
    const catalogApi = catalog();
    const lookups = jest.spyOn(catalogApi, 'getEntitiesByRefs');
    await render(api, { catalogApi });

    // 30 × (40 + 50 + 5 + 8).
    expect(await screen.findByText('€3,090.00')).toBeInTheDocument();
    expect(
      screen.getByText('Spend 2026-10-22 to 2026-11-20'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('cost-period')).toHaveTextContent(
      '2026-10-22 to 2026-11-20 (30 days)',
    );
    expect(
      screen.getByText('Unallocated (no cost-allocation tag): €240.00'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Idle resource vol-9/)).toBeInTheDocument();
    expect(screen.getByText(/Untagged spend: €240.00/)).toBeInTheDocument();
    // The default period's overview also told the last day with data.
    expect(periods(api, 'getOverview')).toEqual([undefined]);
    expect(periods(api, 'getHints')).toEqual([
      { from: '2026-10-22', to: '2026-11-20' },
    ]);

    const checkout = await screen.findByRole('link', { name: 'Checkout' });
    expect(checkout).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-team',
    );
    expect(row(/^Checkout/)).toHaveTextContent(
      'Checkoutcheckout-team€1,200.00-23.6 % (-€370.00)',
    );
    expect(screen.getByRole('link', { name: 'search-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/search-team',
    );
    // No group of that name: the tag value, as it is.
    expect(row(/^legacy-team/)).toHaveTextContent('legacy-team€150.00');
    expect(
      within(row(/^legacy-team/)).queryByRole('link'),
    ).not.toBeInTheDocument();
    // One catalog request for all the teams.
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0][0].entityRefs).toEqual([
      'group:default/search-team',
      'group:default/checkout-team',
      'group:default/legacy-team',
    ]);
  });

  it('shows the teams as tag values when the catalog cannot be asked', async () => {
    const catalogApi = Object.assign(catalog(), {
      getEntitiesByRefs: () => Promise.reject(new Error('catalog is down')),
    });
    await render(costApi(), { catalogApi });
    expect(
      await screen.findByText(
        'Teams are not linked to the catalog: catalog is down',
      ),
    ).toBeInTheDocument();
    expect(row(/^checkout-team/)).toHaveTextContent('checkout-team€1,200.00');
    expect(screen.queryByRole('link', { name: 'Checkout' })).toBeNull();
  });

  it('follows the period chosen and keeps it in the query string', async () => {
    const api = costApi();
    await render(api);
    await screen.findByText('€3,090.00');
    await userEvent.click(screen.getByRole('button', { name: /^Period/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Previous month' }),
    );

    // 31 × 103 and the €370 excess of 2026-10-15.
    expect(await screen.findByText('€3,563.00')).toBeInTheDocument();
    expect(
      screen.getByText('Spend 2026-10-01 to 2026-10-31'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?period=previous-month',
    );
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect(periods(api, 'getOverview')).toEqual([undefined, october]);
    expect(periods(api, 'getHints').at(-1)).toEqual(october);
    // vol-9 came in November.
    expect(screen.queryByText(/Idle resource vol-9/)).not.toBeInTheDocument();

    // Back to 30 days: the first answer serves again.
    await userEvent.click(screen.getByRole('button', { name: /^Period/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Last 30 days' }));
    expect(await screen.findByText('€3,090.00')).toBeInTheDocument();
    expect(periods(api, 'getOverview')).toEqual([undefined, october]);
  });

  it('opens a custom range from the query string without asking for the default period', async () => {
    const api = costApi();
    await render(api, { search: '?from=2026-01-01&to=2026-01-31' });
    // 31 × 103.
    expect(await screen.findByText('€3,193.00')).toBeInTheDocument();
    expect(periods(api, 'getOverview')).toEqual([
      { from: '2026-01-01', to: '2026-01-31' },
    ]);
    expect(screen.getByLabelText('From')).toHaveValue('2026-01-01');
  });

  it('asks for nothing when the query string holds an invalid range', async () => {
    const api = costApi();
    await render(api, { search: '?from=2026-01-31&to=2026-01-01' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The first day (2026-01-31) is after the last day (2026-01-01).',
    );
    await waitFor(() =>
      expect(screen.queryByTestId('progress')).not.toBeInTheDocument(),
    );
    expect(api.requests).toEqual([]);
  });
});
