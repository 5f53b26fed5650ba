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
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentsApiRef } from '../../api';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { NoDeploymentsYet } from '../shared/NoDeploymentsYet';
import { RollbackButton } from '../shared/RollbackButton';
import { formatAgo } from '../shared/format';

const CanaryProgress = (props: { environment: EnvironmentDeployments }) => {
  const rollout = props.environment.inFlight;
  if (!rollout) return null;
  const weight = rollout.trafficWeight;
  return (
    <Box minWidth={160}>
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

/**
 * Per environment: the running version, the latest deployment's status, when
 * and by whom, a link to its run, and any rollout in progress.
 *
 * @public
 */
export const EntityDeploymentsCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
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
    const columns: TableColumn<EnvironmentDeployments>[] = [
      { title: 'Environment', field: 'environment' },
      {
        title: 'Running',
        render: row => row.current?.version ?? 'none',
      },
      {
        title: 'Latest',
        render: row => (
          <>
            <DeploymentStatusLabel status={row.latest.status} />{' '}
            {row.latest.version}
          </>
        ),
      },
      {
        title: 'When',
        render: row => (
          <span title={row.latest.updatedAt}>
            {formatAgo(row.latest.updatedAt)}
          </span>
        ),
      },
      { title: 'By', render: row => row.latest.actor ?? 'unknown' },
      {
        title: 'Run',
        render: row =>
          row.latest.runUrl ? <Link to={row.latest.runUrl}>run</Link> : null,
      },
      { title: 'Rollout', render: row => <CanaryProgress environment={row} /> },
      {
        title: '',
        render: row =>
          row.rollbackSupported && row.current ? (
            <RollbackButton
              entityRef={entityRef}
              environment={row.environment}
              version={row.current.version}
              onDone={retry}
            />
          ) : null,
      },
    ];
    content = (
      <Table
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={value.environments}
      />
    );
  }
  return <InfoCard title="Deployments">{content}</InfoCard>;
};
