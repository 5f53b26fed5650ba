import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  addDays,
  AnomalyOptions,
  computeChange,
  computeHints,
  CostAnomaliesResponse,
  CostBudgetStatus,
  CostDailySeriesResponse,
  CostDimension,
  CostForecastResponse,
  CostHintsResponse,
  CostOverviewResponse,
  CostSummaryResponse,
  dayCount,
  daysInMonth,
  detectAnomalies,
  eachDay,
  forecastMonthEnd,
  roundCents,
} from '@opsdeck/plugin-cost-common';
import { CostStore } from '../database/CostStore';
import {
  CostFilter,
  CostScope,
  DailyAmountRow,
  DayRange,
} from '../database/types';
import { CostBudget } from '../config';
import { mainCurrency } from './mainCurrency';

const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 731;
const FORECAST_HISTORY_DAYS = 28;

/** A period asked for; missing ends default to the last 30 days with data. */
export interface PeriodQuery {
  from?: string;
  to?: string;
}

/** The period of the same length just before `range`. */
function previousPeriod(range: DayRange): DayRange {
  const length = dayCount(range.from, range.to);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Daily amounts of one currency, summed per day. */
function amountsByDay(rows: DailyAmountRow[], currency: string | null) {
  const amounts = new Map<string, number>();
  for (const r of rows) {
    if (r.currency === currency) {
      amounts.set(r.day, (amounts.get(r.day) ?? 0) + r.amount);
    }
  }
  return amounts;
}

/**
 * Cost figures of a scope: totals and change, daily series with a
 * breakdown, month-end forecast against the budget, anomalies and hints.
 */
export class CostInsightsService {
  private constructor(
    private readonly store: CostStore,
    private readonly anomalyOptions: AnomalyOptions,
    private readonly budgets: Map<string, CostBudget>,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    store: CostStore;
    anomalies: AnomalyOptions;
    budgets: Map<string, CostBudget>;
    logger: LoggerService;
  }) {
    return new CostInsightsService(
      options.store,
      options.anomalies,
      options.budgets,
      options.logger,
    );
  }

  /**
   * The period asked for; a missing `to` is the last day with data, a
   * missing `from` `defaultDays` before it.
   */
  async resolvePeriod(
    query: PeriodQuery,
    defaultDays = DEFAULT_PERIOD_DAYS,
  ): Promise<DayRange> {
    const to =
      query.to ??
      (await this.store.lastDay()) ??
      new Date().toISOString().slice(0, 10);
    const from = query.from ?? addDays(to, -(defaultDays - 1));
    if (from > to) {
      throw new InputError(`from (${from}) must not be after to (${to})`);
    }
    if (dayCount(from, to) > MAX_PERIOD_DAYS) {
      throw new InputError(`a period is at most ${MAX_PERIOD_DAYS} days`);
    }
    return { from, to };
  }

  async summary(
    entityRef: string,
    scope: CostScope,
    period: PeriodQuery,
  ): Promise<CostSummaryResponse> {
    const range = await this.resolvePeriod(period);
    const previous = previousPeriod(range);
    const [current, before] = await Promise.all([
      this.store.dailyAmounts(scope, range),
      this.store.dailyAmounts(scope, previous),
    ]);
    const sum = (rows: typeof current, currency: string) =>
      rows
        .filter(r => r.currency === currency)
        .reduce((a, r) => a + r.amount, 0);
    const currencies = [
      ...new Set([...current, ...before].map(r => r.currency)),
    ].sort();
    return {
      entityRef,
      ...range,
      totals: currencies.map(currency => {
        const amount = sum(current, currency);
        const previousAmount = sum(before, currency);
        return {
          currency,
          amount: roundCents(amount),
          previousAmount: roundCents(previousAmount),
          change: computeChange(amount, previousAmount),
        };
      }),
    };
  }

  async daily(
    entityRef: string,
    scope: CostScope,
    period: PeriodQuery,
    dimension: CostDimension,
    filter?: CostFilter,
  ): Promise<CostDailySeriesResponse> {
    const range = await this.resolvePeriod(period);
    const rows = await this.store.dailyBreakdown(
      scope,
      range,
      dimension,
      filter,
    );
    const currency = mainCurrency(rows);
    const byDay = new Map(
      eachDay(range.from, range.to).map(d => [
        d,
        { date: d, amount: 0, breakdown: {} as Record<string, number> },
      ]),
    );
    for (const r of rows) {
      const point = byDay.get(r.day);
      if (!point || r.currency !== currency) {
        continue;
      }
      const key = r.key === '' ? emptyKeyLabel(dimension) : r.key;
      point.amount += r.amount;
      point.breakdown[key] = roundCents((point.breakdown[key] ?? 0) + r.amount);
    }
    return {
      entityRef,
      ...range,
      dimension,
      currency,
      days: [...byDay.values()].map(p => ({
        ...p,
        amount: roundCents(p.amount),
      })),
    };
  }

  async forecast(
    entityRef: string,
    scope: CostScope,
  ): Promise<CostForecastResponse> {
    const lastDay = await this.store.lastDay();
    if (!lastDay) {
      return {
        entityRef,
        currency: null,
        month: new Date().toISOString().slice(0, 7),
        lastDayWithData: null,
        actualToDate: 0,
        forecastTotal: 0,
        trend: { slope: 0, intercept: 0 },
        projectedDays: [],
        budget: null,
      };
    }
    const monthToDate = Number(lastDay.slice(8, 10));
    const historyDays = Math.max(FORECAST_HISTORY_DAYS, monthToDate);
    const from = addDays(lastDay, -(historyDays - 1));
    const rows = await this.store.dailyAmounts(scope, { from, to: lastDay });
    const currency = mainCurrency(rows);
    const amounts = amountsByDay(rows, currency);
    const history = eachDay(from, lastDay).map(d => amounts.get(d) ?? 0);
    const f = forecastMonthEnd(history, monthToDate, daysInMonth(lastDay));
    const budget = this.budgetStatus(
      entityRef,
      currency,
      f.actualToDate,
      f.forecastTotal,
    );
    return {
      entityRef,
      currency,
      month: lastDay.slice(0, 7),
      lastDayWithData: lastDay,
      actualToDate: f.actualToDate,
      forecastTotal: f.forecastTotal,
      trend: f.trend,
      projectedDays: f.projectedDays.map((amount, i) => ({
        date: addDays(lastDay, i + 1),
        amount,
      })),
      budget,
    };
  }

  async anomalies(
    entityRef: string,
    scope: CostScope,
    period: PeriodQuery,
  ): Promise<CostAnomaliesResponse> {
    const range = await this.resolvePeriod(period);
    const from = addDays(range.from, -this.anomalyOptions.window);
    const rows = await this.store.dailyAmounts(
      scope,
      { from, to: range.to },
      { usageOnly: true },
    );
    const currency = mainCurrency(rows);
    const amounts = amountsByDay(rows, currency);
    const first = rows.length > 0 ? rows[0].day : range.from;
    const start = first > from ? first : from;
    const series = eachDay(start, range.to).map(date => ({
      date,
      amount: amounts.get(date) ?? 0,
    }));
    const o = this.anomalyOptions;
    return {
      entityRef,
      currency,
      method: `rolling median and MAD of the previous ${
        o.window
      } days of usage spend; robust z-score > ${o.threshold}, excess >= ${
        o.minAbsolute
      } and >= ${Math.round(o.minRelative * 100)} %`,
      anomalies: detectAnomalies(series, o)
        .filter(a => a.date >= range.from)
        .map(a => ({
          ...a,
          amount: roundCents(a.amount),
          expected: roundCents(a.expected),
          excess: roundCents(a.excess),
        })),
    };
  }

  async hints(
    entityRef: string,
    scope: CostScope,
    period: PeriodQuery,
  ): Promise<CostHintsResponse> {
    const range = await this.resolvePeriod(period);
    const previous = previousPeriod(range);
    const [profile, before, resources] = await Promise.all([
      this.store.spendProfile(scope, range),
      this.store.spendProfile(scope, previous),
      this.store.resources(scope, range),
    ]);
    const currency = mainCurrency(profile);
    if (!currency) {
      return { entityRef, ...range, hints: [] };
    }
    const sum = (
      rows: typeof profile,
      pick: (r: (typeof profile)[number]) => boolean,
    ) =>
      rows
        .filter(r => r.currency === currency && pick(r))
        .reduce((a, r) => a + r.amount, 0);
    const computeUsage = (r: (typeof profile)[number]) =>
      r.serviceCategory === 'Compute' && r.chargeCategory === 'Usage';
    const hints = computeHints({
      currency,
      resources: resources.filter(r => r.currency === currency),
      totalCost: sum(profile, () => true),
      untaggedCost: sum(profile, r => r.unallocated),
      onDemandComputeCost: sum(
        profile,
        r => computeUsage(r) && r.pricingCategory === 'Standard',
      ),
      committedComputeCost: sum(
        profile,
        r => computeUsage(r) && r.pricingCategory === 'Committed',
      ),
      unusedCommitmentCost: sum(profile, r => r.commitmentStatus === 'Unused'),
      networkingCost: sum(profile, r => r.serviceCategory === 'Networking'),
      previousNetworkingCost: sum(
        before,
        r => r.serviceCategory === 'Networking',
      ),
    });
    return { entityRef, ...range, hints };
  }

  async budget(
    entityRef: string,
    scope: CostScope,
  ): Promise<CostBudgetStatus | null> {
    return (await this.forecast(entityRef, scope)).budget;
  }

  async overview(period: PeriodQuery): Promise<CostOverviewResponse> {
    const range = await this.resolvePeriod(period);
    const previous = previousPeriod(range);
    const [current, before] = await Promise.all([
      this.store.amountsByOwner(range),
      this.store.amountsByOwner(previous),
    ]);
    const currency = mainCurrency(current);
    const owners = new Map<
      string,
      { amount: number; previousAmount: number }
    >();
    for (const [rows, field] of [
      [current, 'amount'],
      [before, 'previousAmount'],
    ] as const) {
      for (const r of rows) {
        if (r.currency !== currency) {
          continue;
        }
        const o = owners.get(r.owner) ?? { amount: 0, previousAmount: 0 };
        o[field] += r.amount;
        owners.set(r.owner, o);
      }
    }
    const unallocatedRows = await this.store.dailyAmounts(
      { type: 'unallocated' },
      range,
    );
    const unallocated = unallocatedRows
      .filter(r => r.currency === currency)
      .reduce((a, r) => a + r.amount, 0);
    return {
      ...range,
      currency,
      total: roundCents(
        current
          .filter(r => r.currency === currency)
          .reduce((a, r) => a + r.amount, 0),
      ),
      unallocated: roundCents(unallocated),
      byOwner: [...owners.entries()]
        .filter(([owner]) => owner !== '')
        .map(([owner, o]) => ({
          owner,
          amount: roundCents(o.amount),
          previousAmount: roundCents(o.previousAmount),
          change: computeChange(o.amount, o.previousAmount),
        }))
        .sort((a, b) => b.amount - a.amount),
    };
  }

  private budgetStatus(
    entityRef: string,
    currency: string | null,
    actual: number,
    forecast: number,
  ): CostBudgetStatus | null {
    const budget = this.budgets.get(entityRef);
    if (!budget) {
      return null;
    }
    if (currency !== null && currency !== budget.currency) {
      this.logger.warn(
        `Budget of ${entityRef} is in ${budget.currency} but its spend is in ${currency}; ignored`,
      );
      return null;
    }
    const usedRatio = actual / budget.amount;
    const forecastRatio = forecast / budget.amount;
    let state: CostBudgetStatus['state'] = 'ok';
    if (usedRatio >= 1) {
      state = 'exceeded';
    } else if (forecastRatio >= 1) {
      state = 'at-risk';
    }
    return {
      amount: budget.amount,
      currency: budget.currency,
      usedRatio,
      forecastRatio,
      state,
    };
  }
}

/**
 * The breakdown key of spend with no value in the dimension: spend that was
 * not split from a shared resource has no allocation method.
 */
function emptyKeyLabel(dimension: CostDimension): string {
  return dimension === 'allocation' ? 'not split' : '(none)';
}
