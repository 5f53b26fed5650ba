import { InputError, NotImplementedError } from '@backstage/errors';
import {
  addDays,
  computeChange,
  computeHints,
  CostAccountDailySeriesResponse,
  CostAccountsResponse,
  CostAnomaliesResponse,
  CostDailySeriesResponse,
  CostDimension,
  CostForecastResponse,
  CostHintsResponse,
  CostOverviewResponse,
  CostProductInsightsResponse,
  CostSummaryResponse,
  dayCount,
  daysInMonth,
  DEFAULT_ANOMALY_OPTIONS,
  detectAnomalies,
  eachDay,
  forecastMonthEnd,
  roundCents,
} from '@opsdeck/plugin-cost-common';
import { CostApi, CostPeriod } from '../api/CostApi';

/** One day of one resource's spend, the grain the backend aggregates to. */
export interface CostRow {
  day: string;
  /** Entity the row is attributed to; `null` when it carries no tag. */
  entityRef: string | null;
  /** Value of the owner tag; `''` without one. */
  owner: string;
  service: string;
  category: string;
  region: string;
  account: string;
  resource: string;
  amount: number;
  currency: string;
  consumedQuantity: number | null;
  pricing: 'Standard' | 'Committed' | null;
}

/** A call the API answered, with the period it was asked for. */
export interface CostRequest {
  method: keyof CostApi;
  entityRef?: string;
  dimension?: CostDimension;
  period?: CostPeriod;
}

const DEFAULT_DAYS = 30;
const MAX_DAYS = 731;
const FORECAST_HISTORY_DAYS = 28;

function budgetState(usedRatio: number, forecastRatio: number) {
  if (usedRatio >= 1) {
    return 'exceeded' as const;
  }
  return forecastRatio >= 1 ? ('at-risk' as const) : ('ok' as const);
}

/** The row's value in a breakdown dimension; fixture rows are never split. */
function breakdownKey(row: CostRow, dimension: CostDimension): string {
  return dimension === 'allocation' ? 'not split' : row[dimension];
}

function sum(rows: CostRow[]): number {
  return rows.reduce((a, r) => a + r.amount, 0);
}

/**
 * A {@link CostApi} computing every answer from rows held in memory, with
 * the backend's rules: a missing period is the last 30 days with data, the
 * change is against the period of the same length before, anomalies and
 * hints come from the shared insight functions. Rows are in one currency.
 * Every call is recorded in `requests`.
 */
export class InMemoryCostApi implements CostApi {
  readonly requests: CostRequest[] = [];

  constructor(
    private readonly rows: CostRow[],
    private readonly budgets: Record<
      string,
      { amount: number; currency: string }
    > = {},
  ) {}

  /** The last day any row has. */
  lastDay(): string | null {
    return this.rows.reduce<string | null>(
      (a, r) => (a === null || r.day > a ? r.day : a),
      null,
    );
  }

  async getSummary(
    entityRef: string,
    period?: CostPeriod,
  ): Promise<CostSummaryResponse> {
    this.requests.push({ method: 'getSummary', entityRef, period });
    const range = this.resolve(period);
    const rows = this.of(entityRef);
    const current = this.within(rows, range);
    const before = this.within(rows, this.previous(range));
    const currency = [...current, ...before][0]?.currency;
    return {
      entityRef,
      ...range,
      totals: currency
        ? [
            {
              currency,
              amount: roundCents(sum(current)),
              previousAmount: roundCents(sum(before)),
              change: computeChange(sum(current), sum(before)),
            },
          ]
        : [],
    };
  }

  async getDaily(
    entityRef: string,
    dimension: CostDimension,
    period?: CostPeriod,
  ): Promise<CostDailySeriesResponse> {
    this.requests.push({ method: 'getDaily', entityRef, dimension, period });
    const range = this.resolve(period);
    return {
      entityRef,
      ...this.series(this.of(entityRef), range, dimension),
    };
  }

  async getAccounts(
    entityRef: string,
    period?: CostPeriod,
  ): Promise<CostAccountsResponse> {
    this.requests.push({ method: 'getAccounts', entityRef, period });
    const range = this.resolve(period);
    const rows = this.within(this.of(entityRef), range);
    const ids = [...new Set(rows.map(r => r.account))];
    return {
      entityRef,
      ...range,
      currency: rows[0]?.currency ?? null,
      accounts: ids
        .map(id => ({
          id,
          amount: roundCents(sum(rows.filter(r => r.account === id))),
        }))
        .sort((a, b) => b.amount - a.amount),
    };
  }

  async getAccountDaily(
    account: string,
    dimension: CostDimension,
    period?: CostPeriod,
  ): Promise<CostAccountDailySeriesResponse> {
    this.requests.push({ method: 'getAccountDaily', dimension, period });
    const range = this.resolve(period);
    const rows = this.rows.filter(r => r.account === account);
    return { account, ...this.series(rows, range, dimension) };
  }

  async getProductInsights(): Promise<CostProductInsightsResponse> {
    throw new NotImplementedError(
      'the cost components do not read product insights',
    );
  }

  private series(
    all: CostRow[],
    range: { from: string; to: string },
    dimension: CostDimension,
  ) {
    const rows = this.within(all, range);
    return {
      ...range,
      dimension,
      currency: rows[0]?.currency ?? null,
      days: eachDay(range.from, range.to).map(date => {
        const breakdown: Record<string, number> = {};
        for (const r of rows.filter(row => row.day === date)) {
          const key = breakdownKey(r, dimension);
          breakdown[key] = roundCents((breakdown[key] ?? 0) + r.amount);
        }
        return {
          date,
          amount: roundCents(sum(rows.filter(r => r.day === date))),
          breakdown,
        };
      }),
    };
  }

  async getForecast(entityRef: string): Promise<CostForecastResponse> {
    this.requests.push({ method: 'getForecast', entityRef });
    const lastDay = this.lastDay();
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
    const monthLength = daysInMonth(lastDay);
    const from = addDays(
      lastDay,
      -(Math.max(FORECAST_HISTORY_DAYS, monthToDate) - 1),
    );
    const rows = this.of(entityRef);
    const history = eachDay(from, lastDay).map(d =>
      sum(rows.filter(r => r.day === d)),
    );
    const f = forecastMonthEnd(history, monthToDate, monthLength);
    const budget = this.budgets[entityRef];
    const usedRatio = budget ? f.actualToDate / budget.amount : 0;
    const forecastRatio = budget ? f.forecastTotal / budget.amount : 0;
    return {
      entityRef,
      currency: rows[0]?.currency ?? null,
      month: lastDay.slice(0, 7),
      lastDayWithData: lastDay,
      actualToDate: f.actualToDate,
      forecastTotal: f.forecastTotal,
      trend: f.trend,
      projectedDays: f.projectedDays.map((amount, i) => ({
        date: addDays(lastDay, i + 1),
        amount,
      })),
      budget: budget
        ? {
            ...budget,
            usedRatio,
            forecastRatio,
            state: budgetState(usedRatio, forecastRatio),
          }
        : null,
    };
  }

  async getAnomalies(
    entityRef: string,
    period?: CostPeriod,
  ): Promise<CostAnomaliesResponse> {
    this.requests.push({ method: 'getAnomalies', entityRef, period });
    const range = this.resolve(period);
    const options = DEFAULT_ANOMALY_OPTIONS;
    const from = addDays(range.from, -options.window);
    const rows = this.within(this.of(entityRef), { from, to: range.to });
    const first = rows.reduce((a, r) => (r.day < a ? r.day : a), range.from);
    const series = eachDay(first > from ? first : from, range.to).map(date => ({
      date,
      amount: sum(rows.filter(r => r.day === date)),
    }));
    return {
      entityRef,
      currency: rows[0]?.currency ?? null,
      method: 'rolling median and MAD',
      anomalies: detectAnomalies(series, options).filter(
        a => a.date >= range.from,
      ),
    };
  }

  async getHints(
    entityRef?: string,
    period?: CostPeriod,
  ): Promise<CostHintsResponse> {
    this.requests.push({ method: 'getHints', entityRef, period });
    const range = this.resolve(period);
    const scope = entityRef ? this.of(entityRef) : this.rows;
    const rows = this.within(scope, range);
    const before = this.within(scope, this.previous(range));
    const currency = rows[0]?.currency;
    const response = { entityRef: entityRef ?? '', ...range };
    if (!currency) {
      return { ...response, hints: [] };
    }
    const resources = new Map<
      string,
      { serviceName: string; effectiveCost: number; consumed: number | null }
    >();
    for (const r of rows) {
      const usage = resources.get(r.resource) ?? {
        serviceName: r.service,
        effectiveCost: 0,
        consumed: null,
      };
      usage.effectiveCost += r.amount;
      if (r.consumedQuantity !== null) {
        usage.consumed = (usage.consumed ?? 0) + r.consumedQuantity;
      }
      resources.set(r.resource, usage);
    }
    const compute = (pricing: CostRow['pricing']) =>
      sum(rows.filter(r => r.category === 'Compute' && r.pricing === pricing));
    const networking = (list: CostRow[]) =>
      sum(list.filter(r => r.category === 'Networking'));
    return {
      ...response,
      hints: computeHints({
        currency,
        resources: [...resources.entries()].map(([resourceId, u]) => ({
          resourceId,
          serviceName: u.serviceName,
          effectiveCost: u.effectiveCost,
          consumedQuantity: u.consumed,
        })),
        totalCost: sum(rows),
        untaggedCost: sum(rows.filter(r => r.entityRef === null)),
        onDemandComputeCost: compute('Standard'),
        committedComputeCost: compute('Committed'),
        unusedCommitmentCost: 0,
        networkingCost: networking(rows),
        previousNetworkingCost: networking(before),
      }),
    };
  }

  async getOverview(period?: CostPeriod): Promise<CostOverviewResponse> {
    this.requests.push({ method: 'getOverview', period });
    const range = this.resolve(period);
    const current = this.within(this.rows, range);
    const before = this.within(this.rows, this.previous(range));
    const owners = [...new Set(current.map(r => r.owner))].filter(o => o);
    const ofOwner = (list: CostRow[], owner: string) =>
      sum(list.filter(r => r.owner === owner));
    return {
      ...range,
      currency: current[0]?.currency ?? null,
      total: roundCents(sum(current)),
      unallocated: roundCents(sum(current.filter(r => r.entityRef === null))),
      byOwner: owners
        .map(owner => ({
          owner,
          amount: roundCents(ofOwner(current, owner)),
          previousAmount: roundCents(ofOwner(before, owner)),
          change: computeChange(
            ofOwner(current, owner),
            ofOwner(before, owner),
          ),
        }))
        .sort((a, b) => b.amount - a.amount),
    };
  }

  private of(entityRef: string): CostRow[] {
    return this.rows.filter(r => r.entityRef === entityRef);
  }

  private within(rows: CostRow[], range: { from: string; to: string }) {
    return rows.filter(r => r.day >= range.from && r.day <= range.to);
  }

  private previous(range: { from: string; to: string }) {
    const length = dayCount(range.from, range.to);
    return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
  }

  private resolve(period: CostPeriod = {}): { from: string; to: string } {
    const to =
      period.to ?? this.lastDay() ?? new Date().toISOString().slice(0, 10);
    const from = period.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    if (from > to) {
      throw new InputError(`from (${from}) must not be after to (${to})`);
    }
    if (dayCount(from, to) > MAX_DAYS) {
      throw new InputError(`a period is at most ${MAX_DAYS} days`);
    }
    return { from, to };
  }
}
