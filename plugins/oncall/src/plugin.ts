import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
import { onCallApiFactory } from './api/onCallApiFactory';
import type { EntityOnCallCardProps } from './components/EntityOnCallCard';

/** The on-call plugin for the legacy frontend system. @public */
export const oncallPlugin = createPlugin({
  id: 'oncall',
  apis: [onCallApiFactory],
});

function lazyComponent<T extends (props: {}) => JSX.Element | null>(
  name: string,
  lazy: () => Promise<T>,
): T {
  return oncallPlugin.provide(
    createComponentExtension({ name, component: { lazy } }),
  );
}

/** Who is on call and open incidents, for the entity page. @public */
export const EntityOnCallCard: (props: EntityOnCallCardProps) => JSX.Element =
  lazyComponent('EntityOnCallCard', () =>
    import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
  );

/** The entity's incidents with detail and timeline, for an entity tab. @public */
export const EntityIncidentsContent: () => JSX.Element = lazyComponent(
  'EntityIncidentsContent',
  () => import('./components/IncidentsContent').then(m => m.IncidentsContent),
);
