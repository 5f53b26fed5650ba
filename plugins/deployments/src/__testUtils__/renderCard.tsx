import { alertApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { DeploymentsApi, deploymentsApiRef } from '../api';
import { entity } from './testData';
import { EntityDeploymentsCard } from '../components/EntityDeploymentsCard';

/** Renders the card for an entity with the given API and permission answer. */
export async function renderCard(
  api: DeploymentsApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [permissionApiRef, new MockPermissionApi(() => permission)],
        [alertApiRef, alertApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityDeploymentsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { alertApi };
}
