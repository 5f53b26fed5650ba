import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { DeploymentsClient, deploymentsApiRef } from './api';
import { isDeploymentsAvailable } from './isDeploymentsAvailable';

/** @alpha */
export const deploymentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const deploymentsEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: (entity: Entity) =>
      entity.kind.toLocaleLowerCase('en-US') === 'component',
    loader: () =>
      import('./components/EntityDeploymentsCard').then(m =>
        compatWrapper(<m.EntityDeploymentsCard />),
      ),
  },
});

/** @alpha */
export const deploymentsEntityContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: '/deployments',
    title: 'Deployments',
    filter: isDeploymentsAvailable,
    loader: () =>
      import('./components/EntityDeploymentsContent').then(m =>
        compatWrapper(<m.EntityDeploymentsContent />),
      ),
  },
});

/**
 * The deployments plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'deployments',
  info: { packageJson: () => import('../package.json') },
  extensions: [deploymentsApi, deploymentsEntityCard, deploymentsEntityContent],
});
