import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EnvironmentDeployments } from '@opsdeck/plugin-deployments-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentsApiRef } from '../../api';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { NoDeploymentsYet } from '../shared/NoDeploymentsYet';
import { RollbackButton } from '../shared/RollbackButton';
import { formatAgo } from '../shared/format';
import { useWidthClass } from '../shared/useWidthClass';

/**
 * How the card lays its table out for the width it has:
 * - `wide`: a column for each figure;
 * - `compact` (about half an entity page): the running version under the
 *   environment, time, actor and run link under the latest deployment;
 * - `narrow`: as compact, with the rollout under the latest deployment and
 *   the rollback button under the environment.
 * Widths are the card's content width in pixels, measured with the theme's
 * fonts and some room to spare; narrower still, the table scrolls sideways.
 */
type Layout = 'wide' | 'compact' | 'narrow';

function layoutFor(width: number | undefined): Layout {
  if (width === undefined || width >= 1200) return 'wide';
  return width >= 680 ? 'compact' : 'narrow';
}

const CanaryProgress = (props: { environment: EnvironmentDeployments }) => {
  const rollout = props.environment.inFlight;
  if (!rollout) return null;
  const weight = rollout.trafficWeight;
  return (
    <Box minWidth={140}>
      <Typography variant="caption">
        {rollout.version} ({rollout.strategy}
        {rollout.step !== undefined ? `, step ${rollout.step}` : ''})
        {weight !== undefined ? `: ${weight}% of traffic` : ''}
      </Typography>
      {weight !== undefined && (
        <LinearProgress
          variant="determinate"
          value={weight}
          aria-label={`${rollout.version} at ${weight}% of traffic`}
        />
      )}
    </Box>
  );
};

const When = (props: { row: EnvironmentDeployments }) => (
  <Box component="span" whiteSpace="nowrap" title={props.row.latest.updatedAt}>
    {formatAgo(props.row.latest.updatedAt)}
  </Box>
);

const RunLink = (props: { row: EnvironmentDeployments }) =>
  props.row.latest.runUrl ? (
    <Link to={props.row.latest.runUrl}>run</Link>
  ) : null;

const Latest = (props: { row: EnvironmentDeployments }) => (
  <>
    <DeploymentStatusLabel status={props.row.latest.status} />{' '}
    {props.row.latest.version}
  </>
);

const Secondary = (props: { children: ReactNode }) => (
  <Typography variant="caption" color="textSecondary" component="div">
    {props.children}
  </Typography>
);

function columnsFor(options: {
  layout: Layout;
  withRollout: boolean;
  entityRef: string;
  onRolledBack: () => void;
}): TableColumn<EnvironmentDeployments>[] {
  const { layout, withRollout, entityRef, onRolledBack } = options;
  const rollback = (row: EnvironmentDeployments) =>
    row.rollbackSupported && row.current ? (
      <RollbackButton
        entityRef={entityRef}
        environment={row.environment}
        version={row.current.version}
        onDone={onRolledBack}
      />
    ) : null;
  // as narrow as its button
  const actions: TableColumn<EnvironmentDeployments> = {
    title: '',
    width: '1%',
    render: rollback,
  };
  const rollout: TableColumn<EnvironmentDeployments>[] = withRollout
    ? [
        {
          title: 'Rollout',
          render: row => <CanaryProgress environment={row} />,
        },
      ]
    : [];
  if (layout === 'wide') {
    return autoWidths([
      { title: 'Environment', field: 'environment' },
      { title: 'Running', render: row => row.current?.version ?? 'none' },
      { title: 'Latest', render: row => <Latest row={row} /> },
      { title: 'When', render: row => <When row={row} /> },
      { title: 'By', render: row => row.latest.actor ?? 'unknown' },
      { title: 'Run', render: row => <RunLink row={row} /> },
      ...rollout,
      actions,
    ]);
  }
  const narrow = layout === 'narrow';
  return autoWidths([
    {
      title: 'Environment',
      render: row => (
        <>
          {row.environment}
          <Secondary>
            {row.current ? `running ${row.current.version}` : 'none running'}
          </Secondary>
          {narrow && <Box mt={1}>{rollback(row)}</Box>}
        </>
      ),
    },
    {
      title: 'Latest',
      render: row => (
        <>
          <Latest row={row} />
          <Secondary>
            <When row={row} /> · {row.latest.actor ?? 'unknown'}
            {row.latest.runUrl ? ' · ' : ''}
            <RunLink row={row} />
          </Secondary>
          {narrow && row.inFlight && (
            <Box mt={1}>
              <CanaryProgress environment={row} />
            </Box>
          )}
        </>
      ),
    },
    ...(narrow ? [] : [...rollout, actions]),
  ]);
}

/**
 * Lets the browser size the columns from their content, where the table
 * would otherwise give each column the same share of the width.
 */
function autoWidths<T extends object>(columns: TableColumn<T>[]) {
  return columns.map(column => ({ width: 'auto', ...column }));
}

/**
 * Per environment: the running version, the latest deployment's status, when
 * and by whom, a link to its run, and any rollout in progress. The table
 * folds its columns to fit the card's width (half an entity page, say); a
 * rollout column is there only while a rollout is in flight.
 *
 * @public
 */
export const EntityDeploymentsCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
  const [measure, layout] = useWidthClass<HTMLDivElement, Layout>(layoutFor);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getSummary(entityRef),
    [api, entityRef],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.environments.length === 0) {
    content = (
      <NoDeploymentsYet
        deploymentsId={
          value?.deploymentsId ?? entityRef.toLocaleLowerCase('en-US')
        }
      />
    );
  } else {
    const withRollout = value.environments.some(e => e.inFlight);
    content = (
      <Table
        // a new table for a new set of columns: it keeps column widths
        key={`${layout}-${withRollout}`}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columnsFor({
          layout,
          withRollout,
          entityRef,
          onRolledBack: retry,
        })}
        data={value.environments}
      />
    );
  }
  return (
    <InfoCard title="Deployments">
      <div ref={measure} data-testid="deployments-card">
        {content}
      </div>
    </InfoCard>
  );
};
