import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  IncidentDetail,
  oncallIncidentAcknowledgePermission,
  oncallIncidentNotePermission,
  oncallIncidentResolvePermission,
} from '@opsdeck/plugin-oncall-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../../api/OnCallApi';
import { IncidentStatusChip } from '../shared/IncidentStatusChip';
import { STATUS_LABEL, formatInstant, shortRef } from '../shared/formatting';

/** Opens the post-incident review template with the incident filled in. */
function reviewLink(incident: IncidentDetail): string {
  const formData = {
    incidentId: incident.id,
    title: incident.title,
    entityRef: incident.entityRef,
    severity: incident.severity,
    triggeredAt: incident.createdAt,
    acknowledgedAt: incident.acknowledgedAt,
    resolvedAt: incident.resolvedAt,
    deploymentId: incident.deploymentId,
    timeline: incident.timeline.map(e => ({
      at: e.at,
      entry:
        e.type === 'state'
          ? `${STATUS_LABEL[e.status!]} by ${shortRef(e.author)}${
              e.text ? `: ${e.text}` : ''
            }`
          : `${shortRef(e.author)}: ${e.text}`,
    })),
  };
  return `/create/templates/default/post-incident-review?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

function Timeline(props: { incident: IncidentDetail }) {
  return (
    <List dense aria-label="Timeline">
      {props.incident.timeline.map(entry => (
        <ListItem key={entry.id} disableGutters>
          <ListItemText
            primary={
              entry.type === 'state'
                ? `${STATUS_LABEL[entry.status!]}${
                    entry.text ? `: ${entry.text}` : ''
                  }`
                : entry.text
            }
            secondary={`${formatInstant(entry.at)} · ${shortRef(entry.author)}`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** One incident with its timeline and the actions the user may take. */
export function IncidentDetailView(props: {
  id: string;
  onChange?: () => void;
}) {
  const api = useApi(onCallApiRef);
  const detail = useAsyncRetry(() => api.getIncident(props.id), [props.id]);
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<Error>();
  const canAck = usePermission({
    permission: oncallIncidentAcknowledgePermission,
  }).allowed;
  const canResolve = usePermission({
    permission: oncallIncidentResolvePermission,
  }).allowed;
  const canNote = usePermission({
    permission: oncallIncidentNotePermission,
  }).allowed;

  const act = async (action: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await action();
      detail.retry();
      props.onChange?.();
    } catch (e) {
      setActionError(e as Error);
    }
  };

  if (detail.loading && !detail.value) return <Progress />;
  if (detail.error) return <ResponseErrorPanel error={detail.error} />;
  const incident = detail.value!;

  return (
    <InfoCard
      title={incident.title}
      subheader={`${incident.severity} · ${incident.urgency} urgency`}
    >
      <Box display="flex" alignItems="center" mb={1}>
        <IncidentStatusChip status={incident.status} />
        <Box ml={1}>
          <Typography variant="body2">
            Triggered {formatInstant(incident.createdAt)} by{' '}
            {shortRef(incident.createdBy)}
            {incident.assigneeRef
              ? ` · assigned to ${shortRef(incident.assigneeRef)}`
              : ''}
            {incident.deployment
              ? ` · caused by deployment ${incident.deployment.version} in ${incident.deployment.environment}`
              : ''}
            {incident.deploymentId
              ? ` · deployment ${incident.deploymentId}`
              : ''}
          </Typography>
        </Box>
      </Box>
      {incident.description && (
        <Typography paragraph>{incident.description}</Typography>
      )}
      {incident.url && (
        <Typography paragraph>
          <Link to={incident.url}>Open in {incident.source}</Link>
        </Typography>
      )}
      {actionError && <ResponseErrorPanel error={actionError} />}
      <Box display="flex" mb={1}>
        {canAck && incident.status === 'triggered' && (
          <Box mr={1}>
            <Button
              variant="outlined"
              onClick={() => act(() => api.acknowledgeIncident(incident.id))}
            >
              Acknowledge
            </Button>
          </Box>
        )}
        {canResolve && incident.status !== 'resolved' && (
          <Button
            variant="outlined"
            onClick={() => act(() => api.resolveIncident(incident.id))}
          >
            Resolve
          </Button>
        )}
      </Box>
      {incident.status === 'resolved' && (
        <Typography paragraph>
          <Link to={reviewLink(incident)}>Write the post-incident review</Link>
        </Typography>
      )}
      <Typography variant="subtitle2">Timeline</Typography>
      <Timeline incident={incident} />
      {canNote && incident.source !== 'opsdeck' && (
        <Typography variant="body2" color="textSecondary">
          Notes on {incident.source} incidents are added in {incident.source}.
        </Typography>
      )}
      {canNote && incident.source === 'opsdeck' && (
        <Box display="flex" alignItems="flex-end">
          <TextField
            id="oncall-incident-note"
            label="Add a note"
            value={note}
            onChange={e => setNote(e.target.value)}
            fullWidth
            multiline
          />
          <Box ml={1}>
            <Button
              disabled={note.trim().length === 0}
              onClick={() =>
                act(async () => {
                  await api.addIncidentNote(incident.id, note.trim());
                  setNote('');
                })
              }
            >
              Add
            </Button>
          </Box>
        </Box>
      )}
    </InfoCard>
  );
}
