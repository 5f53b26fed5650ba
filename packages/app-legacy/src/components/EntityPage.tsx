import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityDependsOnComponentsCard,
  EntityDependsOnResourcesCard,
  EntityHasComponentsCard,
  EntityHasResourcesCard,
  EntityHasSubcomponentsCard,
  EntityLayout,
  EntityLinksCard,
  EntitySwitch,
  isKind,
} from '@backstage/plugin-catalog';
import {
  EntityGroupProfileCard,
  EntityMembersListCard,
  EntityOwnershipCard,
  EntityUserProfileCard,
} from '@backstage/plugin-org';
import { EntityCostContent, isCostEntity } from '@opsdeck/plugin-cost';
import {
  EntityDeploymentsCard,
  EntityDeploymentsContent,
  isDeploymentsAvailable,
} from '@opsdeck/plugin-deployments';
import {
  EntityIncidentsContent,
  EntityOnCallCard,
  isOnCallAvailable,
} from '@opsdeck/plugin-oncall';
import {
  EntitySloCard,
  EntitySloContent,
  isSloAvailable,
} from '@opsdeck/plugin-slo';

// Opsdeck's tabs, each shown only on the entities its plugin's condition
// accepts. EntityLayout takes its routes as direct children, so these are
// elements, not a component.
const deploymentsTab = (
  <EntityLayout.Route
    path="/deployments"
    title="Deployments"
    if={isDeploymentsAvailable}
  >
    <EntityDeploymentsContent />
  </EntityLayout.Route>
);

const incidentsTab = (
  <EntityLayout.Route
    path="/incidents"
    title="Incidents"
    if={isOnCallAvailable}
  >
    <EntityIncidentsContent />
  </EntityLayout.Route>
);

const costTab = (
  <EntityLayout.Route path="/cost" title="Cost" if={isCostEntity}>
    <EntityCostContent />
  </EntityLayout.Route>
);

/** An overview: the cards two to a row on wide screens. */
function overview(...cards: JSX.Element[]) {
  return (
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {cards.map((card, index) => (
          <Grid item md={6} xs={12} key={index}>
            {card}
          </Grid>
        ))}
      </Grid>
    </EntityLayout.Route>
  );
}

const componentPage = (
  <EntityLayout>
    {overview(
      <EntityDeploymentsCard />,
      <EntityOnCallCard />,
      <EntitySloCard />,
      <EntityAboutCard />,
      <EntityDependsOnComponentsCard />,
      <EntityDependsOnResourcesCard />,
      <EntityHasSubcomponentsCard />,
      <EntityLinksCard />,
    )}
    {deploymentsTab}
    <EntityLayout.Route path="/slos" title="SLOs" if={isSloAvailable}>
      <EntitySloContent />
    </EntityLayout.Route>
    {incidentsTab}
    {costTab}
  </EntityLayout>
);

const groupPage = (
  <EntityLayout>
    {overview(
      <EntityGroupProfileCard />,
      <EntityOnCallCard />,
      <EntityOwnershipCard />,
      <EntityMembersListCard />,
    )}
    {deploymentsTab}
    {incidentsTab}
    {costTab}
  </EntityLayout>
);

const systemPage = (
  <EntityLayout>
    {overview(
      <EntityAboutCard />,
      <EntityHasComponentsCard />,
      <EntityHasResourcesCard />,
    )}
    {deploymentsTab}
    {costTab}
  </EntityLayout>
);

const userPage = (
  <EntityLayout>
    {overview(<EntityUserProfileCard />, <EntityOwnershipCard />)}
  </EntityLayout>
);

// APIs, domains, resources and the rest: what the catalog knows, and the cost
// tab where the cost plugin's condition accepts the kind (resources).
const defaultPage = (
  <EntityLayout>
    {overview(<EntityAboutCard />, <EntityLinksCard />)}
    {costTab}
  </EntityLayout>
);

/** The catalog's entity page, per kind. */
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case>{defaultPage}</EntitySwitch.Case>
  </EntitySwitch>
);
