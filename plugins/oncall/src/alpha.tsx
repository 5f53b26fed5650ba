import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { onCallApiFactory } from './api/onCallApiFactory';
import { isOnCallAvailable } from './isOnCallAvailable';

/** @alpha */
export const onCallApi = ApiBlueprint.make({
  params: defineParams => defineParams(onCallApiFactory),
});

/** `entity-card:oncall/on-call`. @alpha */
export const entityOnCallCard = EntityCardBlueprint.make({
  name: 'on-call',
  params: {
    filter: isOnCallAvailable,
    loader: () =>
      import('./components/EntityOnCallCard').then(m =>
        compatWrapper(<m.EntityOnCallCard />),
      ),
  },
});

/** `entity-content:oncall/incidents`. @alpha */
export const entityIncidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: isOnCallAvailable,
    loader: () =>
      import('./components/IncidentsContent').then(m =>
        compatWrapper(<m.IncidentsContent />),
      ),
  },
});

/**
 * The on-call plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'oncall',
  info: { packageJson: () => import('../package.json') },
  extensions: [onCallApi, entityOnCallCard, entityIncidentsContent],
});
