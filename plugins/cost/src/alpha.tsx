import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import MoneyIcon from '@material-ui/icons/AttachMoney';
import { costApiRef } from './api/CostApi';
import { CostClient } from './api/CostClient';
import { isCostEntity } from './isCostEntity';

const overviewRouteRef = createRouteRef();

const costApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostClient({ discoveryApi, fetchApi }),
    }),
});

const entityCostContent = EntityContentBlueprint.make({
  params: {
    path: '/cost',
    title: 'Cost',
    filter: isCostEntity,
    loader: () =>
      import('./components/EntityCostContent').then(m => (
        <m.EntityCostContent />
      )),
  },
});

const costOverviewPage = PageBlueprint.make({
  params: {
    path: '/cost',
    routeRef: overviewRouteRef,
    title: 'Cost',
    icon: <MoneyIcon />,
    loader: () =>
      import('./components/CostOverviewPage').then(m => <m.CostOverviewPage />),
  },
});

/**
 * The cost plugin for the new frontend system: the entity tab, the overview
 * page and the API.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'cost',
  extensions: [costApi, entityCostContent, costOverviewPage],
  routes: { root: overviewRouteRef },
});
