import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotImplementedError } from '@backstage/errors';
import {
  computeChange,
  CostChange,
  CostDailySeriesResponse,
  CostDimension,
  CostProductEntity,
  linearTrend,
  parseRepeatingIntervals,
  RepeatingIntervals,
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
 * `Entity` of the community cost-insights plugin (structurally): a product's
 * `[previous, current]` totals with nested breakdowns.
 *
 * @public
 */
export interface CommunityEntity {
  id: string | null;
  aggregation: [number, number];
  change: { amount: number; ratio?: number };
  entities: Record<string, CommunityEntity[]>;
}

/** `ProductInsightsOptions` of the community cost-insights plugin. @public */
export interface CommunityProductInsightsOptions {
  /** A key of the `costInsights.products` config. */
  product: string;
  group: string;
  intervals: string;
  /** A billing account from `getGroupProjects`, or null for all. */
  project: string | null;
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

const GROUPINGS: CostDimension[] = ['service', 'category', 'region'];

/**
 * Parses an ISO 8601 repeating interval such as `R2/P30D/2020-09-01` (two
 * periods of 30 days ending the day before that date; months count on the
 * calendar) into inclusive days; an `InputError` when it is not one.
 */
export function parseIntervals(intervals: string): RepeatingIntervals {
  try {
    return parseRepeatingIntervals(intervals);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/** The plain `ChangeStatistic` shape: no ratio when the base is 0. */
function changeOf(change: CostChange): { amount: number; ratio?: number } {
  return change.ratio === null
    ? { amount: change.amount }
    : { amount: change.amount, ratio: change.ratio };
}

function entityOf(entity: CostProductEntity): CommunityEntity {
  return {
    id: entity.id,
    aggregation: entity.aggregation,
    change: changeOf(entity.change),
    entities: Object.fromEntries(
      Object.entries(entity.entities).map(([key, entities]) => [
        key,
        entities.map(entityOf),
      ]),
    ),
  };
}

/**
 * Implements the shape of the community `CostInsightsApi` on the Opsdeck
 * cost backend, so the community cost-insights UI can run on it: daily costs
 * of catalog entities, groups and billing projects (FOCUS sub accounts), with
 * change, trend line and breakdowns by service, category and region; product
 * insights (a product key matched to a FOCUS ServiceCategory, else
 * ServiceName) by component, resource and service; a user's groups from the
 * catalog; and the group's anomalies and saving hints as action items.
 * Business metrics have no FOCUS equivalent: `getDailyMetricData` throws
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

  /**
   * The billing accounts (FOCUS `SubAccountId`, else `BillingAccountId`) the
   * group's spend of the last 365 days with data is billed to, largest
   * first. FOCUS account names are not stored: projects carry only an id.
   */
  async getGroupProjects(group: string): Promise<Array<{ id: string }>> {
    const { accounts } = await this.costApi.getAccounts(groupRef(group));
    return accounts.map(a => ({ id: a.id }));
  }

  async getCatalogEntityDailyCost(
    catalogEntityRef: string,
    intervals: string,
  ): Promise<CommunityCost> {
    return this.dailyCost(catalogEntityRef, intervals, (dimension, period) =>
      this.costApi.getDaily(catalogEntityRef, dimension, period),
    );
  }

  async getGroupDailyCost(
    group: string,
    intervals: string,
  ): Promise<CommunityCost> {
    return this.getCatalogEntityDailyCost(groupRef(group), intervals);
  }

  /**
   * Daily cost of everything billed to one account (a project from
   * `getGroupProjects`), whichever entity it is attributed to.
   */
  async getProjectDailyCost(
    project: string,
    intervals: string,
  ): Promise<CommunityCost> {
    return this.dailyCost(project, intervals, (dimension, period) =>
      this.costApi.getAccountDaily(project, dimension, period),
    );
  }

  async getDailyMetricData(
    _metric: string,
    _intervals: string,
  ): Promise<never> {
    throw new NotImplementedError('Opsdeck has no business metrics source');
  }

  /**
   * The spend on a product in the group's scope (only what is billed to
   * `project` when given) over the two periods of `intervals`, by component
   * and, within a component, by resource and by service. The product key
   * names a FOCUS ServiceCategory, else a ServiceName, compared ignoring case,
   * spaces and punctuation (`objectStorage` is "Object Storage").
   */
  async getProductInsights(
    options: CommunityProductInsightsOptions,
  ): Promise<CommunityEntity> {
    const { entity } = await this.costApi.getProductInsights({
      product: options.product,
      entityRef: groupRef(options.group),
      intervals: options.intervals,
      account: options.project ?? undefined,
    });
    return entityOf(entity);
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

  /**
   * A daily cost over the periods of `intervals`: the series by service (its
   * days' totals are the aggregation), change between the last two periods,
   * trend line and one breakdown per grouping.
   */
  private async dailyCost(
    id: string,
    intervals: string,
    read: (
      dimension: CostDimension,
      period: { from: string; to: string },
    ) => Promise<Pick<CostDailySeriesResponse, 'days'>>,
  ): Promise<CommunityCost> {
    const { from, to, buckets } = parseIntervals(intervals);
    const [main, ...groupings] = await Promise.all(
      GROUPINGS.map(d => read(d, { from, to })),
    );
    const aggregation = main.days.map(d => ({
      date: d.date,
      amount: d.amount,
    }));
    const sum = (bucket?: { from: string; to: string }) =>
      bucket
        ? aggregation
            .filter(p => p.date >= bucket.from && p.date <= bucket.to)
            .reduce((a, p) => a + p.amount, 0)
        : 0;
    const change = computeChange(
      sum(buckets[buckets.length - 1]),
      sum(buckets[buckets.length - 2]),
    );
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
      id,
      aggregation,
      change: changeOf(change),
      trendline: linearTrend(aggregation.map(a => a.amount)),
      groupedCosts: grouped,
    };
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
