import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRouteRef,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { sloApiRef } from './api/SloApi';
import { SloClient } from './api/SloClient';

/** @public */
export const sloRouteRef = createRouteRef({ id: 'slo' });

/** The SLO plugin for the legacy frontend system. @public */
export const sloPlugin = createPlugin({
  id: 'slo',
  apis: [
    createApiFactory({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
  ],
  routes: { root: sloRouteRef },
});

/** Card for entity overview pages. @public */
export const EntitySloCard: () => JSX.Element = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/** Tab for entity pages. @public */
export const EntitySloContent: () => JSX.Element = sloPlugin.provide(
  createRoutableExtension({
    name: 'EntitySloContent',
    mountPoint: sloRouteRef,
    component: () =>
      import('./components/EntitySloContent').then(m => m.EntitySloContent),
  }),
);
