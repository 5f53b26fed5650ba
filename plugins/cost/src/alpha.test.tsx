import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider as LegacyTestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import plugin from './alpha';
import { costApiRef } from './api/CostApi';
import { EntityCostContent } from './plugin';
import { costRows } from './__fixtures__/costRows';
import { InMemoryCostApi } from './__fixtures__/InMemoryCostApi';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: {},
};

/** The period text and the spend, once the lazily loaded content is in. */
async function shownFigures() {
  const period = await screen.findByTestId(
    'cost-period',
    {},
    { timeout: 10_000 },
  );
  return { period, spend: await screen.findByText('€280.00') };
}

describe('the entity content', () => {
  it('provides the API, the entity content and the overview page', () => {
    for (const id of [
      'api:cost',
      'entity-content:cost',
      'page:cost',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the period of the address in the new frontend system', async () => {
    const element = createExtensionTester(
      plugin.getExtension('entity-content:cost'),
    ).reactElement();
    renderInTestApp(
      <TestApiProvider apis={[[costApiRef, new InMemoryCostApi(costRows())]]}>
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </TestApiProvider>,
      { initialRouteEntries: ['/cost?period=7d'] },
    );
    const { period, spend } = await shownFigures();
    expect(period).toHaveTextContent('2026-11-14 to 2026-11-20 (7 days)');
    // 7 × 40.
    expect(spend).toBeInTheDocument();
  });

  it('shows the period of the address in the legacy frontend system', async () => {
    await renderInLegacyTestApp(
      <LegacyTestApiProvider
        apis={[[costApiRef, new InMemoryCostApi(costRows())]]}
      >
        <EntityProvider entity={entity}>
          <EntityCostContent />
        </EntityProvider>
      </LegacyTestApiProvider>,
      { routeEntries: ['/cost?period=7d'] },
    );
    const { period, spend } = await shownFigures();
    expect(period).toHaveTextContent('2026-11-14 to 2026-11-20 (7 days)');
    // 7 × 40.
    expect(spend).toBeInTheDocument();
  });
});
