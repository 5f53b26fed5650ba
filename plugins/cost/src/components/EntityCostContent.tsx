import {
  EmptyState,
  InfoCard,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  COST_ALLOCATION_ANNOTATION,
  COST_DIMENSIONS,
  CostDimension,
} from '@opsdeck/plugin-cost-common';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../api/CostApi';
import { CostHintsList } from './CostHintsList';
import { DailyCostChart } from './DailyCostChart';
import { formatMoney, formatRatio } from './formatMoney';

const DIMENSION_LABELS: Record<CostDimension, string> = {
  service: 'Service',
  category: 'Category',
  region: 'Region',
  account: 'Account',
  resource: 'Resource',
  allocation: 'Allocation method',
};

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The cost-insights tab of a component, system or team: total and change,
 * daily chart with a breakdown selector, forecast and budget, anomalies and
 * hints. Every figure is shown with its currency.
 *
 * @public
 */
export function EntityCostContent() {
  const { entity } = useEntity();
  const api = useApi(costApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [dimension, setDimension] = useState<CostDimension>('service');

  const overview = useAsync(async () => {
    const [summary, forecast, anomalies, hints] = await Promise.all([
      api.getSummary(entityRef),
      api.getForecast(entityRef),
      api.getAnomalies(entityRef),
      api.getHints(entityRef),
    ]);
    return { summary, forecast, anomalies, hints };
  }, [api, entityRef]);
  const daily = useAsync(
    () => api.getDaily(entityRef, dimension),
    [api, entityRef, dimension],
  );

  if (overview.loading) {
    return <Progress />;
  }
  if (overview.error) {
    return <ResponseErrorPanel error={overview.error} />;
  }
  const { summary, forecast, anomalies, hints } = overview.value!;
  if (summary.totals.length === 0) {
    if (!entity.metadata.annotations?.[COST_ALLOCATION_ANNOTATION]) {
      return (
        <MissingAnnotationEmptyState
          annotation={COST_ALLOCATION_ANNOTATION}
          readMoreUrl="https://github.com/opsdeck/opsdeck#cost"
        />
      );
    }
    return (
      <EmptyState
        missing="data"
        title="No cost data for this entity"
        description={`No billing rows in ${summary.from} to ${summary.to} match the tags selected by ${COST_ALLOCATION_ANNOTATION}.`}
      />
    );
  }
  const budget = forecast.budget;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Spend">
          {summary.totals.map(t => (
            <div key={t.currency}>
              <Typography variant="h4">
                {formatMoney(t.amount, t.currency)}
              </Typography>
              <Typography variant="body2">
                {summary.from} to {summary.to}: {formatRatio(t.change.ratio)} (
                {formatMoney(t.change.amount, t.currency)}) against the previous
                period
              </Typography>
            </div>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={`Forecast ${forecast.month}`}>
          <Typography variant="h4">
            {formatMoney(forecast.forecastTotal, forecast.currency)}
          </Typography>
          <Typography variant="body2">
            {formatMoney(forecast.actualToDate, forecast.currency)} so far (data
            up to {forecast.lastDayWithData ?? 'none'})
          </Typography>
          {budget && (
            <Typography variant="body2" data-testid="budget-status">
              Budget {formatMoney(budget.amount, budget.currency)}:{' '}
              {budget.state}, forecast at{' '}
              {Math.round(budget.forecastRatio * 100)} %
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Anomalies">
          {anomalies.anomalies.length === 0 ? (
            <Typography variant="body2">
              No anomalies in this period.
            </Typography>
          ) : (
            anomalies.anomalies.map(a => (
              <Typography variant="body2" key={a.date}>
                {a.date}: {formatMoney(a.amount, anomalies.currency)} (expected{' '}
                {formatMoney(a.expected, anomalies.currency)})
              </Typography>
            ))
          )}
          <Typography variant="caption">{anomalies.method}</Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Daily cost"
          action={
            <Select
              value={dimension}
              onChange={e => setDimension(e.target.value as CostDimension)}
              inputProps={{ 'aria-label': 'Breakdown' }}
            >
              {COST_DIMENSIONS.map(d => (
                <MenuItem key={d} value={d}>
                  {DIMENSION_LABELS[d]}
                </MenuItem>
              ))}
            </Select>
          }
        >
          {daily.loading && <Progress />}
          {daily.error && <ResponseErrorPanel error={daily.error} />}
          {daily.value && (
            <DailyCostChart
              days={daily.value.days}
              currency={daily.value.currency}
              projected={forecast.projectedDays}
              dailyBudget={
                budget ? budget.amount / daysInMonth(forecast.month) : undefined
              }
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Hints">
          <CostHintsList hints={hints.hints} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
