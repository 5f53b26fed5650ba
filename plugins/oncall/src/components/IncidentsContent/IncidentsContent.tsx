import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { Incident } from '@opsdeck/plugin-oncall-common';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useMountedState from 'react-use/esm/useMountedState';
import { onCallApiRef } from '../../api/OnCallApi';
import { IncidentSourceErrors } from '../shared/IncidentSourceErrors';
import { IncidentStatusChip } from '../shared/IncidentStatusChip';
import { formatInstant } from '../shared/formatting';
import { IncidentDetailView } from './IncidentDetailView';

const columns: TableColumn<Incident>[] = [
  { title: 'Status', render: i => <IncidentStatusChip status={i.status} /> },
  { title: 'Title', field: 'title' },
  { title: 'Severity', field: 'severity' },
  { title: 'Urgency', field: 'urgency' },
  { title: 'Triggered', render: i => formatInstant(i.createdAt) },
];

/** On a Group's page, the entity each incident belongs to comes second. */
const groupColumns: TableColumn<Incident>[] = [
  columns[0],
  {
    title: 'Entity',
    render: i => (
      <EntityRefLink entityRef={i.entityRef} defaultKind="component" />
    ),
  },
  ...columns.slice(1),
];

/**
 * The entity's incidents (all statuses, newest first); selecting one shows
 * its detail and timeline (`?incident=<id>`). A Group's list also holds the
 * incidents of the entities it owns, with a column naming each one's entity.
 *
 * @public
 */
export function IncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const api = useApi(onCallApiRef);
  const [params, setParams] = useSearchParams();
  // The table reports a row click after its double-click window; a user who
  // has meanwhile opened another tab must not be sent back here.
  const isMounted = useMountedState();
  const selected = params.get('incident');
  const incidents = useAsyncRetry(
    () => api.listIncidents({ entityRef }),
    [entityRef],
  );

  if (incidents.loading && !incidents.value) return <Progress />;
  if (incidents.error) return <ResponseErrorPanel error={incidents.error} />;
  const errors = incidents.value?.errors ?? [];
  if (!incidents.value?.items.length && !errors.length && !selected) {
    return (
      <EmptyState
        missing="data"
        title="No incidents"
        description={
          isGroup
            ? 'Nothing has been triggered for this group or the entities it owns. Incidents triggered from the on-call card appear here.'
            : 'Nothing has been triggered for this entity. Incidents triggered from the on-call card appear here.'
        }
      />
    );
  }

  return (
    <Grid container spacing={3}>
      {errors.length > 0 && (
        <Grid item xs={12}>
          <IncidentSourceErrors errors={errors} />
        </Grid>
      )}
      <Grid item xs={12} md={selected ? 6 : 12}>
        <Table<Incident>
          title="Incidents"
          options={{ paging: false, search: false }}
          columns={isGroup ? groupColumns : columns}
          data={incidents.value?.items ?? []}
          onRowClick={(_e, row) => {
            if (row && isMounted()) setParams({ incident: row.id });
          }}
        />
      </Grid>
      {selected && (
        <Grid item xs={12} md={6}>
          <IncidentDetailView id={selected} onChange={incidents.retry} />
        </Grid>
      )}
    </Grid>
  );
}
