import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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

/**
 * An action item in the plain shape the community `Alert` type accepts
 * (title, subtitle, link); no snooze or dismiss forms.
 *
 * @public
 */
export interface CommunityAlert {
  title: string;
  subtitle: string;
  url?: string;
  buttonText?: string;
}

/** The part of the catalog API the client reads. @public */
export interface CostInsightsCatalogReader {
  getEntityByRef(entityRef: string): Promise<Entity | undefined>;
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
 * service, category and region; a user's groups from the catalog; and the
 * group's anomalies and saving hints as action items. Billing projects,
 * metrics and product insights have no FOCUS equivalent here and throw
 * `NotImplementedError`.
 *
 * @public
 */
export class CostInsightsApiClient {
  /**
   * With `catalogApi`, a user's groups are the groups the user is a member
   * of; without, every team with spend.
   */
  constructor(
    private readonly costApi: CostApi,
    private readonly options: { catalogApi?: CostInsightsCatalogReader } = {},
  ) {}

  async getLastCompleteBillingDate(): Promise<string> {
    return (await this.costApi.getOverview()).to;
  }

  async getUserGroups(
    userId: string,
  ): Promise<Array<{ id: string; name?: string }>> {
    const catalogApi = this.options.catalogApi;
    if (!catalogApi) {
      const overview = await this.costApi.getOverview();
      return overview.byOwner.map(o => ({ id: o.owner }));
    }
    const userRef = stringifyEntityRef(
      parseEntityRef(userId, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      }),
    );
    const user = await catalogApi.getEntityByRef(userRef);
    return (user?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => ({ id: r.targetRef, name: parseEntityRef(r.targetRef).name }))
      .sort((a, b) => a.id.localeCompare(b.id));
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
    return this.getCatalogEntityDailyCost(groupRef(group), intervals);
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

  /**
   * The group's anomalies and saving hints of the last 30 days as action
   * items, largest first, each linking to the group's cost tab.
   */
  async getAlerts(group: string): Promise<CommunityAlert[]> {
    const ref = groupRef(group);
    const [anomalies, hints] = await Promise.all([
      this.costApi.getAnomalies(ref),
      this.costApi.getHints(ref),
    ]);
    const { namespace, name } = parseEntityRef(ref);
    const url = `/catalog/${namespace}/group/${name}/cost`;
    const money = (amount: number, currency: string | null) =>
      `${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`;
    const fromAnomalies = anomalies.anomalies.map(a => ({
      size: a.excess,
      alert: {
        title: `Spend anomaly on ${a.date}`,
        subtitle: `${money(
          a.amount,
          anomalies.currency,
        )} against an expected ${money(a.expected, anomalies.currency)} (${
          anomalies.method
        })`,
        url,
        buttonText: 'View costs',
      },
    }));
    const fromHints = hints.hints.map(h => ({
      size: h.estimatedSaving ?? h.amount,
      alert: {
        title: h.title,
        subtitle: h.detail,
        url,
        buttonText: 'View costs',
      },
    }));
    return [...fromAnomalies, ...fromHints]
      .sort((a, b) => b.size - a.size)
      .map(a => a.alert);
  }
}

/** A group name or ref as a full group entity ref. */
function groupRef(group: string): string {
  return stringifyEntityRef(
    parseEntityRef(group, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
}
