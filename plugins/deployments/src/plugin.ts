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

/** A lazily loaded component of this plugin. */
function lazyComponent<T extends (props: any) => JSX.Element | null>(
  name: string,
  load: () => Promise<T>,
): T {
  return deploymentsPlugin.provide(
    createComponentExtension({ name, component: { lazy: load } }),
  );
}

/**
 * Entity card: what runs in each environment (legacy frontend system).
 *
 * @public
 */
export const EntityDeploymentsCard = lazyComponent(
  'EntityDeploymentsCard',
  () =>
    import('./components/EntityDeploymentsCard').then(
      m => m.EntityDeploymentsCard,
    ),
);

/**
 * Entity tab: deployment history and DORA metrics (legacy frontend system).
 *
 * @public
 */
export const EntityDeploymentsContent = lazyComponent(
  'EntityDeploymentsContent',
  () =>
    import('./components/EntityDeploymentsContent').then(
      m => m.EntityDeploymentsContent,
    ),
);
