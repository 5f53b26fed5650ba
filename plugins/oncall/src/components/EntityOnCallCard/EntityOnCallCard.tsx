import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  MissingAnnotationEmptyState,
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  ONCALL_ROTATION_ANNOTATION,
  OnCallResponse,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  oncallIncidentTriggerPermission,
  oncallOverrideCreatePermission,
} from '@opsdeck/plugin-oncall-common';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../../api/OnCallApi';
import { IncidentSourceErrors } from '../shared/IncidentSourceErrors';
import { IncidentStatusChip } from '../shared/IncidentStatusChip';
import { PersonLink } from '../shared/PersonLink';
import { formatInstant, levelLabel } from '../shared/formatting';
import { CreateOverrideDialog } from './CreateOverrideDialog';
import { TriggerIncidentDialog } from './TriggerIncidentDialog';

/** The schedules named in the answer, for the override dialog. */
function schedulesOf(levels: OnCallResponse['levels']): string[] {
  const names = levels.flatMap(l =>
    [...l.now, ...l.next].map(shift => shift.schedule),
  );
  return [...new Set(names.filter((n): n is string => Boolean(n)))].sort();
}

function Levels(props: { levels: OnCallResponse['levels'] }) {
  return (
    <>
      {props.levels.map(level => (
        <Box key={level.level} mb={2}>
          <Typography variant="subtitle2">
            {levelLabel(level.level, level.delayMinutes)}
          </Typography>
          {level.now.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              Nobody is on call at this level right now.
            </Typography>
          ) : (
            level.now.map((shift, i) => (
              <Typography variant="body2" key={`now-${i}`}>
                Now: <PersonLink user={shift.user} />
                {shift.end ? ` until ${formatInstant(shift.end)}` : ''}
              </Typography>
            ))
          )}
          {level.next.map((shift, i) => (
            <Typography variant="body2" color="textSecondary" key={`next-${i}`}>
              Next: <PersonLink user={shift.user} />
              {shift.start ? ` from ${formatInstant(shift.start)}` : ''}
            </Typography>
          ))}
        </Box>
      ))}
    </>
  );
}

/** Props of {@link EntityOnCallCard}. @public */
export interface EntityOnCallCardProps {
  /**
   * Path of the incidents tab on the entity page, relative to the entity's
   * route; default `incidents`.
   */
  incidentsPath?: string;
}

/**
 * Who is on call for the entity (now and next per escalation level), its
 * open incidents, and a button to trigger one for users allowed to. Each
 * incident links to the entity page's incidents tab, by an absolute path
 * built from the catalog's entity route, so the link holds wherever the card
 * is placed.
 *
 * @public
 */
export function EntityOnCallCard(props: EntityOnCallCardProps = {}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityRoute = useRouteRef(entityRouteRef);
  const incidentsPath = (props.incidentsPath ?? 'incidents').replace(
    /^\/+|\/+$/g,
    '',
  );
  const incidentLink = (id: string) =>
    `${entityRoute(entityRouteParams(entity)).replace(
      /\/+$/,
      '',
    )}/${incidentsPath}?incident=${encodeURIComponent(id)}`;
  const api = useApi(onCallApiRef);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [overrideOpen, setOverrideOpen] = useState(false);
  const { allowed: canTrigger } = usePermission({
    permission: oncallIncidentTriggerPermission,
  });
  const { allowed: canOverride } = usePermission({
    permission: oncallOverrideCreatePermission,
  });

  const onCall = useAsyncRetry(() => api.getOnCall(entityRef), [entityRef]);
  const incidents = useAsyncRetry(
    () =>
      api.listIncidents({
        entityRef,
        status: ['triggered', 'acknowledged'],
      }),
    [entityRef],
  );

  if (onCall.loading) {
    return (
      <InfoCard title="On call">
        <Progress />
      </InfoCard>
    );
  }
  if (!onCall.error && !onCall.value?.configured) {
    return (
      <MissingAnnotationEmptyState
        annotation={[
          ONCALL_ROTATION_ANNOTATION,
          PAGERDUTY_SERVICE_ID_ANNOTATION,
        ]}
      />
    );
  }

  const { levels = [], rotationEntityRef, provider } = onCall.value ?? {};
  // overrides swap shifts of rotation files; providers keep their own
  const overridable = canOverride && provider === 'rotation';
  let subheader: ReactNode;
  if (provider && provider !== 'rotation') {
    subheader = `From ${provider}`;
  } else if (rotationEntityRef && rotationEntityRef !== entityRef) {
    subheader = (
      <>
        Rotation of <EntityRefLink entityRef={rotationEntityRef} />
      </>
    );
  }

  return (
    <InfoCard
      title="On call"
      subheader={subheader}
      action={
        canTrigger || overridable ? (
          <Box display="flex" style={{ gap: 8 }}>
            {overridable && (
              <Button
                color="primary"
                variant="outlined"
                onClick={() => setOverrideOpen(true)}
              >
                Swap a shift
              </Button>
            )}
            {canTrigger && (
              <Button
                color="secondary"
                variant="outlined"
                onClick={() => setDialogOpen(true)}
              >
                Trigger incident
              </Button>
            )}
          </Box>
        ) : undefined
      }
    >
      {onCall.error && <ResponseErrorPanel error={onCall.error} />}
      {!onCall.error && levels.length === 0 && (
        <Typography variant="body2">
          The rotation has no escalation levels.
        </Typography>
      )}
      {levels.length > 0 && <Levels levels={levels} />}
      <Typography variant="subtitle2">Open incidents</Typography>
      {incidents.loading && <Progress />}
      {incidents.error && <ResponseErrorPanel error={incidents.error} />}
      {incidents.value && (
        <IncidentSourceErrors errors={incidents.value.errors} />
      )}
      {incidents.value &&
        incidents.value.items.length === 0 &&
        incidents.value.errors.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No open incidents.
          </Typography>
        )}
      {incidents.value?.items.map(incident => (
        <Box key={incident.id} display="flex" alignItems="center" my={0.5}>
          <IncidentStatusChip status={incident.status} />
          <Box ml={1}>
            <Link to={incidentLink(incident.id)}>{incident.title}</Link>
            <Typography variant="caption" color="textSecondary">
              {' '}
              {incident.severity} · {formatInstant(incident.createdAt)}
            </Typography>
          </Box>
        </Box>
      ))}
      {overridable && (
        <CreateOverrideDialog
          open={overrideOpen}
          schedules={schedulesOf(levels)}
          onClose={() => setOverrideOpen(false)}
          onSubmit={async values => {
            await api.createOverride({ entityRef, ...values });
            onCall.retry();
          }}
        />
      )}
      <TriggerIncidentDialog
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onSubmit={async values => {
          await api.triggerIncident({ entityRef, ...values });
          incidents.retry();
        }}
      />
    </InfoCard>
  );
}
