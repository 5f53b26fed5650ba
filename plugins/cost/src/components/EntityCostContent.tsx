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
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../api/CostApi';
import { CostHintsList } from './CostHintsList';
import { CostPeriodLayout } from './CostPeriodPicker';
import { DailyCostChart } from './DailyCostChart';
import { formatMoney, formatRatio } from './formatMoney';
import { isDefaultPeriod, resolvePeriod, todayUtc } from './period';
import { useCostPeriod } from './useCostPeriod';

const DIMENSION_LABELS: Record<CostDimension, string> = {
  service: 'Service',
  category: 'Category',
  region: 'Region',
  account: 'Account',
  resource: 'Resource',
  allocation: 'Allocation method',
};

/** Anomalies listed in the card; the chart marks them all. */
const LISTED_ANOMALIES = 10;

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The cost-insights tab of a component, system or team: a period selector
 * (kept in the URL query string), total and change, daily chart with a
 * breakdown selector, month-to-date forecast and budget, anomalies and
 * hints. Every figure is shown with its currency.
 *
 * @public
 */
export function EntityCostContent() {
  const { entity } = useEntity();
  const api = useApi(costApiRef);
  const entityRef = stringifyEntityRef(entity);
  const period = useCostPeriod();
  const [dimension, setDimension] = useState<CostDimension>('service');

  // Month to date whatever the period; it also tells the last day with data
  // the presets end at.
  const blocked = Boolean(period.error);
  const forecastState = useAsync(
    async () => (blocked ? undefined : api.getForecast(entityRef)),
    [api, entityRef, blocked],
  );
  let range: { from: string; to: string } | undefined;
  if (!blocked) {
    if (period.selection.kind === 'custom') {
      range = { from: period.selection.from, to: period.selection.to };
    } else if (forecastState.value) {
      range = resolvePeriod(
        period.selection,
        forecastState.value.lastDayWithData ?? todayUtc(),
      );
    }
  }
  const from = range?.from;
  const to = range?.to;
  const figures = useAsync(async () => {
    if (!from || !to) {
      return undefined;
    }
    const [summary, anomalies, hints] = await Promise.all([
      api.getSummary(entityRef, { from, to }),
      api.getAnomalies(entityRef, { from, to }),
      api.getHints(entityRef, { from, to }),
    ]);
    return { summary, anomalies, hints };
  }, [api, entityRef, from, to]);
  const daily = useAsync(async () => {
    if (!from || !to) {
      return undefined;
    }
    return api.getDaily(entityRef, dimension, { from, to });
  }, [api, entityRef, dimension, from, to]);

  const page = (content: ReactNode) => (
    <CostPeriodLayout period={period} range={range} state={content} />
  );

  if (blocked) {
    // The picker says what is wrong; nothing is asked for.
    return page(null);
  }
  const error = forecastState.error ?? figures.error;
  if (error) {
    return page(<ResponseErrorPanel error={error} />);
  }
  if (!forecastState.value || !figures.value || figures.loading) {
    return page(<Progress />);
  }
  const forecast = forecastState.value;
  const { summary, anomalies, hints } = figures.value;
  if (summary.totals.length === 0) {
    const annotated = Boolean(
      entity.metadata.annotations?.[COST_ALLOCATION_ANNOTATION],
    );
    if (!annotated && isDefaultPeriod(period.selection)) {
      return page(
        <MissingAnnotationEmptyState
          annotation={COST_ALLOCATION_ANNOTATION}
          readMoreUrl="https://github.com/opsdeck/opsdeck#cost"
        />,
      );
    }
    return page(
      <EmptyState
        missing="data"
        title="No cost data for this entity"
        description={`No billing rows in ${summary.from} to ${summary.to} ${
          annotated
            ? `match the tags selected by ${COST_ALLOCATION_ANNOTATION}`
            : 'are attributed to this entity'
        }.`}
      />,
    );
  }
  const budget = forecast.budget;
  // The forecast and the daily budget belong to the month being forecast:
  // drawn when the period runs up to the last day with data.
  const current = summary.to === forecast.lastDayWithData;
  const listed = anomalies.anomalies.slice(-LISTED_ANOMALIES).reverse();
  return (
    <CostPeriodLayout period={period} range={range}>
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
            {formatMoney(forecast.actualToDate, forecast.currency)} so far this
            month (data up to {forecast.lastDayWithData ?? 'none'})
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
          {listed.length === 0 ? (
            <Typography variant="body2">
              No anomalies in this period.
            </Typography>
          ) : (
            listed.map(a => (
              <Typography variant="body2" key={a.date}>
                {a.date}: {formatMoney(a.amount, anomalies.currency)} (expected{' '}
                {formatMoney(a.expected, anomalies.currency)})
              </Typography>
            ))
          )}
          {anomalies.anomalies.length > listed.length && (
            <Typography variant="body2">
              and {anomalies.anomalies.length - listed.length} earlier, marked
              on the chart
            </Typography>
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
          {!daily.loading && daily.value && (
            <DailyCostChart
              days={daily.value.days}
              currency={daily.value.currency}
              anomalies={anomalies.anomalies}
              projected={current ? forecast.projectedDays : []}
              dailyBudget={
                budget && current
                  ? budget.amount / daysInMonth(forecast.month)
                  : undefined
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
    </CostPeriodLayout>
  );
}
