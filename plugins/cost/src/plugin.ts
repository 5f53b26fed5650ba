import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { costApiRef } from './api/CostApi';
import { CostClient } from './api/CostClient';
import { rootRouteRef } from './routes';

/**
 * The cost plugin for the legacy frontend system.
 *
 * @public
 */
export const costPlugin = createPlugin({
  id: 'cost',
  apis: [
    createApiFactory({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The cost-insights tab of a component, system or team.
 *
 * @public
 */
export const EntityCostContent: () => JSX.Element = costPlugin.provide(
  createComponentExtension({
    name: 'EntityCostContent',
    component: {
      lazy: () =>
        import('./components/EntityCostContent').then(m => m.EntityCostContent),
    },
  }),
);

/**
 * The organisation's spend per team.
 *
 * @public
 */
export const CostOverviewPage: () => JSX.Element = costPlugin.provide(
  createRoutableExtension({
    name: 'CostOverviewPage',
    component: () =>
      import('./components/CostOverviewPage').then(m => m.CostOverviewPage),
    mountPoint: rootRouteRef,
  }),
);
