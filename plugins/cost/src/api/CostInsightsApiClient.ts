import { NotImplementedError } from '@backstage/errors';
import {
  CostDimension,
  linearTrend,
  computeChange,
} from '@opsdeck/plugin-cost-common';
import { CostApi } from './CostApi';

/** `DateAggregation` of the community cost-insights plugin. @public */
export interface DateAggregation {
  date: string;
  amount: number;
}

/** `Cost` of the community cost-insights plugin (structurally). @public */
export interface CommunityCost {
  id: string;
  aggregation: DateAggregation[];
  change?: { amount: number; ratio?: number };
  trendline?: { slope: number; intercept: number };
  groupedCosts?: Record<string, CommunityCost[]>;
}

const DAY_MS = 86_400_000;
const INTERVALS =
  /^R(\d{1,2})\/P(?:(\d{1,3})D|(\d{1,2})M)\/(\d{4}-\d{2}-\d{2})$/;
const GROUPINGS: CostDimension[] = ['service', 'category', 'region'];

/**
 * Parses an ISO 8601 repeating interval such as `R2/P30D/2020-09-01` (two
 * buckets of 30 days ending the day before that date) into inclusive days.
 */
export function parseIntervals(intervals: string): {
  from: string;
  to: string;
  bucketDays: number;
} {
  const m = INTERVALS.exec(intervals);
  if (!m) {
    throw new Error(
      `unsupported intervals '${intervals}', expected e.g. R2/P30D/2020-09-01`,
    );
  }
  const repeats = Number(m[1]);
  const bucketDays = m[2] ? Number(m[2]) : Number(m[3]) * 30;
  const end = Date.parse(`${m[4]}T00:00:00Z`);
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return {
    from: day(end - repeats * bucketDays * DAY_MS),
    to: day(end - DAY_MS),
    bucketDays,
  };
}

/**
 * Implements the shape of the community `CostInsightsApi` on the Opsdeck
 * cost backend, so the community cost-insights UI can run on it: daily costs
 * of catalog entities and groups, with change, trend line and breakdowns by
 * service, category and region. Billing projects, metrics and product
 * insights have no FOCUS equivalent here and throw; alerts are returned
 * empty because the community alerts are UI classes (anomalies and hints are
 * served by Opsdeck's own tab).
 *
 * @public
 */
export class CostInsightsApiClient {
  constructor(private readonly costApi: CostApi) {}

  async getLastCompleteBillingDate(): Promise<string> {
    return (await this.costApi.getOverview()).to;
  }

  async getUserGroups(_userId: string): Promise<Array<{ id: string }>> {
    const overview = await this.costApi.getOverview();
    return overview.byOwner.map(o => ({ id: o.owner }));
  }

  async getGroupProjects(_group: string): Promise<Array<{ id: string }>> {
    return [];
  }

  async getCatalogEntityDailyCost(
    catalogEntityRef: string,
    intervals: string,
  ): Promise<CommunityCost> {
    const { from, to, bucketDays } = parseIntervals(intervals);
    const [main, ...groupings] = await Promise.all(
      GROUPINGS.map(d =>
        this.costApi.getDaily(catalogEntityRef, d, { from, to }),
      ),
    );
    const aggregation = main.days.map(d => ({
      date: d.date,
      amount: d.amount,
    }));
    const sum = (points: DateAggregation[]) =>
      points.reduce((a, p) => a + p.amount, 0);
    const current = sum(aggregation.slice(-bucketDays));
    const previous = sum(aggregation.slice(-2 * bucketDays, -bucketDays));
    const change = computeChange(current, previous);
    const grouped: Record<string, CommunityCost[]> = {};
    [main, ...groupings].forEach((series, i) => {
      const keys = new Set(series.days.flatMap(d => Object.keys(d.breakdown)));
      grouped[GROUPINGS[i]] = [...keys].map(key => ({
        id: key,
        aggregation: series.days.map(d => ({
          date: d.date,
          amount: d.breakdown[key] ?? 0,
        })),
      }));
    });
    return {
      id: catalogEntityRef,
      aggregation,
      change:
        change.ratio === null
          ? { amount: change.amount }
          : { amount: change.amount, ratio: change.ratio },
      trendline: linearTrend(aggregation.map(a => a.amount)),
      groupedCosts: grouped,
    };
  }

  async getGroupDailyCost(
    group: string,
    intervals: string,
  ): Promise<CommunityCost> {
    const ref = group.includes(':') ? group : `group:default/${group}`;
    return this.getCatalogEntityDailyCost(ref, intervals);
  }

  async getProjectDailyCost(
    _project: string,
    _intervals: string,
  ): Promise<CommunityCost> {
    throw new NotImplementedError(
      'Opsdeck attributes cost to catalog entities, not billing projects',
    );
  }

  async getDailyMetricData(
    _metric: string,
    _intervals: string,
  ): Promise<never> {
    throw new NotImplementedError('Opsdeck has no business metrics source');
  }

  async getProductInsights(_options: unknown): Promise<never> {
    throw new NotImplementedError(
      'Use the Opsdeck cost tab breakdowns instead of product insights',
    );
  }

  async getAlerts(_group: string): Promise<never[]> {
    return [];
  }
}
