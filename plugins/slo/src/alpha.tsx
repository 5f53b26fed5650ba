import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { isSloAvailable } from './isSloAvailable';
import { sloApiRef } from './api/SloApi';
import { SloClient } from './api/SloClient';

const isComponent = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component';

const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
});

/** The SLO card; shown on every component, where it explains the annotation when missing. */
const sloCard = EntityCardBlueprint.make({
  name: 'slos',
  params: {
    filter: isComponent,
    loader: () =>
      import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

const sloContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: '/slos',
    title: 'SLOs',
    filter: entity => isComponent(entity) && isSloAvailable(entity),
    loader: () =>
      import('./components/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/** The SLO plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'slo',
  extensions: [sloApi, sloCard, sloContent],
});
