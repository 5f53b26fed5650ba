import { InfoCard } from '@backstage/core-components';
import type {
  DoraBand,
  DoraResponse,
} from '@opsdeck/plugin-deployments-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatDuration, formatFrequency } from '../shared/format';

const BAND_COLOURS: Record<DoraBand, string> = {
  elite: '#1b5e20',
  high: '#2e7d32',
  medium: '#ef6c00',
  low: '#c62828',
};

const Metric = (props: {
  title: string;
  value: string;
  detail: string;
  band?: DoraBand;
}) => (
  <Grid item xs={12} sm={6} md={3}>
    <Typography variant="overline">{props.title}</Typography>
    <Typography variant="h5">{props.value}</Typography>
    <Typography variant="caption" display="block">
      {props.detail}
    </Typography>
    {props.band ? (
      <Chip
        size="small"
        label={props.band}
        style={{ backgroundColor: BAND_COLOURS[props.band], color: '#fff' }}
      />
    ) : (
      <Chip size="small" label="no data" />
    )}
  </Grid>
);

/** The four DORA metrics with their performance band. */
export const DoraMetricsPanel = (props: { dora: DoraResponse }) => {
  const { metrics, scope, deploymentsIds } = props.dora;
  const lead = metrics.leadTimeForChanges;
  const cfr = metrics.changeFailureRate;
  const recovery = metrics.failedDeploymentRecoveryTime;
  return (
    <InfoCard
      title="DORA metrics"
      subheader={`${Math.round(
        metrics.periodDays,
      )} days, ${metrics.productionEnvironments.join(', ')}${
        scope === 'entity' ? '' : `, ${deploymentsIds.length} components`
      }`}
    >
      <Grid container spacing={2}>
        <Metric
          title="Deployment frequency"
          value={formatFrequency(metrics.deploymentFrequency.perDay)}
          detail={`${metrics.deploymentFrequency.deployments} deployments`}
          band={metrics.deploymentFrequency.band}
        />
        <Metric
          title="Lead time for changes"
          value={
            lead.medianSeconds === undefined
              ? 'n/a'
              : formatDuration(lead.medianSeconds)
          }
          detail={`median of ${lead.samples}, commit to production`}
          band={lead.band}
        />
        <Metric
          title="Change failure rate"
          value={
            cfr.rate === undefined ? 'n/a' : `${Math.round(cfr.rate * 100)}%`
          }
          detail={`${cfr.failures} of ${metrics.finishedDeployments} failed or rolled back`}
          band={cfr.band}
        />
        <Metric
          title="Failed deployment recovery"
          value={
            recovery.medianSeconds === undefined
              ? 'n/a'
              : formatDuration(recovery.medianSeconds)
          }
          detail={`median of ${recovery.samples}${
            recovery.unrecovered
              ? `, ${recovery.unrecovered} not recovered`
              : ''
          }`}
          band={recovery.band}
        />
      </Grid>
      <Typography variant="caption" color="textSecondary">
        Bands: {metrics.bandsSource}
      </Typography>
    </InfoCard>
  );
};
