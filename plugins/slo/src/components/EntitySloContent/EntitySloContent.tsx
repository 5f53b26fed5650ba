import { CodeSnippet, InfoCard, Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { SloEvaluation } from '@opsdeck/plugin-slo-common';
import { BurnRateChips } from '../shared/BurnRateChips';
import { percent } from '../shared/format';
import { SloStates } from '../shared/SloStates';
import { Sparkline } from '../shared/Sparkline';

function SloDetail(props: { slo: SloEvaluation; sourceUrl: string | null }) {
  const { slo } = props;
  const title = slo.displayName ?? slo.name;
  return (
    <InfoCard title={title} subheader={slo.description}>
      <Typography variant="body2" gutterBottom>
        {slo.budgetingMethod} · objective {percent(slo.objective.target)} over{' '}
        {slo.window.description} · from{' '}
        {new Date(slo.window.start).toUTCString()} · source {slo.metricsSource}
        {slo.usedRecordingRules ? ' (recording rules)' : ''}
      </Typography>
      {slo.problem && (
        <Typography variant="body2" color="error" role="alert" gutterBottom>
          {slo.problem.message}
        </Typography>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Typography variant="overline">SLI per step</Typography>
          <Sparkline
            label={`${title} SLI over the window`}
            width={400}
            height={80}
            values={slo.history.map(p => p.sli)}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="overline">Error budget remaining</Typography>
          <Sparkline
            label={`${title} error budget over the window`}
            width={400}
            height={80}
            values={slo.history.map(p => p.budgetRemaining)}
          />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="overline">Burn rates</Typography>
          <div>
            <BurnRateChips evaluation={slo} />
          </div>
          <Typography variant="body2">
            {slo.windows
              .map(
                w =>
                  `${w.window}: ${
                    w.burnRate === null
                      ? 'no traffic'
                      : `${w.burnRate.toFixed(2)}×`
                  }`,
              )
              .join(' · ')}
          </Typography>
        </Grid>
        <Grid item xs={12}>
          <Typography variant="overline">Alert rules</Typography>
          <CodeSnippet
            language="yaml"
            text={slo.alertRulesYaml}
            showCopyCodeButton
          />
        </Grid>
        {props.sourceUrl && (
          <Grid item xs={12}>
            <Link to={props.sourceUrl}>OpenSLO source file</Link>
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}

/** The SLO tab of an entity page. @public */
export function EntitySloContent() {
  return (
    <SloStates>
      {report => (
        <Grid container spacing={3}>
          {report.demo && (
            <Grid item xs={12}>
              <Chip label="Demo data: recorded series, not live measurements" />
            </Grid>
          )}
          {report.slos.map(slo => (
            <Grid item xs={12} key={slo.name}>
              <SloDetail slo={slo} sourceUrl={report.sourceUrl} />
            </Grid>
          ))}
        </Grid>
      )}
    </SloStates>
  );
}
