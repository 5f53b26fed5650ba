import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DeploymentsClient, deploymentsApiRef } from './api';

/**
 * The deployments plugin for the legacy frontend system.
 *
 * @public
 */
export const deploymentsPlugin = createPlugin({
  id: 'deployments',
  apis: [
    createApiFactory({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Entity card: what runs in each environment (legacy frontend system).
 *
 * @public
 */
export const EntityDeploymentsCard = deploymentsPlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentsCard',
    component: {
      lazy: () =>
        import('./components/EntityDeploymentsCard').then(
          m => m.EntityDeploymentsCard,
        ),
    },
  }),
);

/**
 * Entity tab: deployment history and DORA metrics (legacy frontend system).
 *
 * @public
 */
export const EntityDeploymentsContent = deploymentsPlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentsContent',
    component: {
      lazy: () =>
        import('./components/EntityDeploymentsContent').then(
          m => m.EntityDeploymentsContent,
        ),
    },
  }),
);
