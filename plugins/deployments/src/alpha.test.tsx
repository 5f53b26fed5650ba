import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { MockPermissionApi } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import plugin, { deploymentsEntityCard } from './alpha';
import { deploymentsApiRef } from './api';
import { entity, fakeApi } from './__testUtils__/testData';

describe('new frontend system', () => {
  it('provides the API, the entity card and the entity content', () => {
    for (const id of [
      'api:deployments',
      'entity-card:deployments/summary',
      'entity-content:deployments/deployments',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('renders the card extension', async () => {
    const element = createExtensionTester(deploymentsEntityCard).reactElement();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [deploymentsApiRef, fakeApi()],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('production')).toBeInTheDocument();
  });
});
