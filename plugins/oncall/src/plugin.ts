import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { onCallApiRef } from './api/OnCallApi';
import { OnCallClient } from './api/OnCallClient';

/** The on-call plugin for the legacy frontend system. @public */
export const oncallPlugin = createPlugin({
  id: 'oncall',
  apis: [
    createApiFactory({
      api: onCallApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OnCallClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** Who is on call and open incidents, for the entity page. @public */
export const EntityOnCallCard = oncallPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);

/** The entity's incidents with detail and timeline, for an entity tab. @public */
export const EntityIncidentsContent = oncallPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentsContent',
    component: {
      lazy: () =>
        import('./components/IncidentsContent').then(m => m.IncidentsContent),
    },
  }),
);
