import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { SloEvaluation } from '@opsdeck/plugin-slo-common';
import { BudgetBar } from '../shared/BudgetBar';
import { BurnRateChips } from '../shared/BurnRateChips';
import { budgetSummary, percent } from '../shared/format';
import { SloStates } from '../shared/SloStates';
import { Sparkline } from '../shared/Sparkline';

function SloSummary(props: { slo: SloEvaluation }) {
  const { slo } = props;
  const title = slo.displayName ?? slo.name;
  return (
    <Box mb={2} data-testid={`slo-${slo.name}`}>
      <Typography variant="subtitle1">{title}</Typography>
      <Typography variant="body2" color="textSecondary">
        Objective {percent(slo.objective.target)} over {slo.window.description}
      </Typography>
      {slo.problem ? (
        <Typography variant="body2" color="error" role="alert">
          {slo.problem.message}
        </Typography>
      ) : (
        <>
          <Typography variant="body2">{budgetSummary(slo)}</Typography>
          {slo.budget && (
            <BudgetBar
              remaining={slo.budget.remaining}
              label={`${title} error budget remaining`}
            />
          )}
          <Box mt={1} display="flex" alignItems="center" flexWrap="wrap">
            <BurnRateChips evaluation={slo} />
            <Sparkline
              label={`${title} remaining budget over the window`}
              values={slo.history.map(p => p.budgetRemaining)}
            />
          </Box>
        </>
      )}
    </Box>
  );
}

/** The SLO card of an entity page. @public */
export function EntitySloCard() {
  return (
    <InfoCard title="Service level objectives">
      <SloStates>
        {report => (
          <>
            {report.demo && (
              <Chip
                size="small"
                label="Demo data: recorded series, not live measurements"
                style={{ marginBottom: 8 }}
              />
            )}
            {report.slos.map(slo => (
              <SloSummary key={slo.name} slo={slo} />
            ))}
          </>
        )}
      </SloStates>
    </InfoCard>
  );
}
