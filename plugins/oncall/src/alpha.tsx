import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { z } from 'zod';
import { onCallApiFactory } from './api/onCallApiFactory';
import { isOnCallAvailable } from './isOnCallAvailable';

/** @alpha */
export const onCallApi = ApiBlueprint.make({
  params: defineParams => defineParams(onCallApiFactory),
});

/**
 * `entity-card:oncall/on-call`. Config `incidentsPath`: the path of the
 * incidents tab on the entity page (default `incidents`, the path of
 * `entity-content:oncall/incidents`), where the card links incidents.
 *
 * @alpha
 */
export const entityOnCallCard = EntityCardBlueprint.makeWithOverrides({
  name: 'on-call',
  configSchema: {
    incidentsPath: z
      .string()
      .regex(/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/)
      .optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: isOnCallAvailable,
      loader: () =>
        import('./components/EntityOnCallCard').then(m =>
          compatWrapper(
            <m.EntityOnCallCard incidentsPath={config.incidentsPath} />,
          ),
        ),
    });
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
