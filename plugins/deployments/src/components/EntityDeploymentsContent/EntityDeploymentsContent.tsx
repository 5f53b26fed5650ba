import {
  Link,
  Progress,
  ResponseErrorPanel,
  Select,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DEPLOYMENT_STATUSES,
  DeploymentRecord,
  DeploymentStatus,
} from '@opsdeck/plugin-deployments-common';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../../api';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { LinkedIncidentsMarker } from '../shared/LinkedIncidentsMarker';
import { NoDeploymentsYet } from '../shared/NoDeploymentsYet';
import { formatDuration } from '../shared/format';
import { DoraMetricsPanel } from './DoraMetricsPanel';
import { WeeklyDeploymentsChart } from './WeeklyDeploymentsChart';

const PERIODS = [30, 90, 180];
const ALL = 'all';

const columns: TableColumn<DeploymentRecord>[] = [
  { title: 'Version', field: 'version' },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Status',
    render: row => (
      <>
        <DeploymentStatusLabel status={row.status} />
        <LinkedIncidentsMarker incidents={row.incidents} />
      </>
    ),
  },
  { title: 'Strategy', field: 'strategy' },
  {
    title: 'Started',
    render: row => row.startedAt.replace('T', ' ').slice(0, 16),
  },
  {
    title: 'Duration',
    render: row =>
      formatDuration(
        (Date.parse(row.updatedAt) - Date.parse(row.startedAt)) / 1000,
      ),
  },
  { title: 'By', render: row => row.actor ?? 'unknown' },
  { title: 'Commit', render: row => row.commitSha.slice(0, 7) },
  {
    title: 'Run',
    render: row => (row.runUrl ? <Link to={row.runUrl}>run</Link> : null),
  },
];

/**
 * The entity's deployment history with filters, and its DORA metrics with
 * their band (for a System or Group: of its components).
 *
 * @public
 */
export const EntityDeploymentsContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
  const [days, setDays] = useState(90);
  const [environment, setEnvironment] = useState<string>(ALL);
  const [status, setStatus] = useState<string>(ALL);
  const to = useMemo(() => new Date().toISOString(), []);
  const from = useMemo(
    () => new Date(Date.parse(to) - days * 86400_000).toISOString(),
    [to, days],
  );

  const summary = useAsync(() => api.getSummary(entityRef), [api, entityRef]);
  const dora = useAsync(
    () => api.getDora(entityRef, { from, to }),
    [api, entityRef, from, to],
  );
  const history = useAsync(
    () =>
      api.getHistory(entityRef, {
        from,
        to,
        environment: environment === ALL ? undefined : environment,
        status: status === ALL ? undefined : (status as DeploymentStatus),
        limit: 500,
      }),
    [api, entityRef, from, to, environment, status],
  );

  const error = summary.error ?? dora.error ?? history.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (summary.loading) return <Progress />;
  const isComponentLike = !['system', 'group'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
  if (isComponentLike && summary.value?.environments.length === 0) {
    return <NoDeploymentsYet deploymentsId={summary.value.deploymentsId} />;
  }

  const environments =
    summary.value?.environments.map(e => e.environment) ?? [];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {dora.loading || !dora.value ? (
          <Progress />
        ) : (
          <DoraMetricsPanel dora={dora.value} />
        )}
      </Grid>
      <Grid item xs={12} md={3}>
        <Select
          label="Period"
          selected={String(days)}
          items={PERIODS.map(p => ({ label: `${p} days`, value: String(p) }))}
          onChange={value => setDays(Number(value))}
        />
        <Select
          label="Environment"
          selected={environment}
          items={[ALL, ...environments].map(e => ({ label: e, value: e }))}
          onChange={value => setEnvironment(String(value))}
        />
        <Select
          label="Status"
          selected={status}
          items={[ALL, ...DEPLOYMENT_STATUSES].map(s => ({
            label: s,
            value: s,
          }))}
          onChange={value => setStatus(String(value))}
        />
      </Grid>
      <Grid item xs={12} md={9}>
        {history.loading || !history.value ? (
          <Progress />
        ) : (
          <>
            <WeeklyDeploymentsChart
              records={history.value.items}
              to={to}
              weeks={Math.ceil(days / 7)}
            />
            <Table
              title={`Deployments (${history.value.totalCount})`}
              options={{
                paging: true,
                pageSize: 20,
                search: false,
                padding: 'dense',
              }}
              columns={columns}
              data={history.value.items}
            />
          </>
        )}
      </Grid>
    </Grid>
  );
};
