import { InputError, NotFoundError } from '@backstage/errors';
import {
  computeChange,
  CostProductEntity,
  CostProductInsightsResponse,
  CostProductMatch,
  matchProduct,
  RepeatingIntervals,
  roundCents,
} from '@opsdeck/plugin-cost-common';
import { CostStore } from '../database/CostStore';
import { CostFilter, CostScope, PeriodBreakdownRow } from '../database/types';
import { AccountCostService } from './AccountCostService';
import { CostInsightsService } from './CostInsightsService';
import { mainCurrency } from './mainCurrency';

/** A product insights question, validated. */
export interface ProductInsightsQuery {
  /** A key of the community `costInsights.products` config. */
  product: string;
  /** Exactly two periods: previous and current. */
  intervals: RepeatingIntervals;
  /** Only spend billed to this account. */
  account?: string;
}

/** Sums of the two periods, and of the breakdowns under them. */
class Node {
  previous = 0;
  current = 0;
  readonly children = new Map<string, Map<string, Node>>();

  add(row: PeriodBreakdownRow) {
    this[row.period] += row.amount;
  }

  child(dimension: string, id: string): Node {
    let byId = this.children.get(dimension);
    if (!byId) {
      byId = new Map();
      this.children.set(dimension, byId);
    }
    let node = byId.get(id);
    if (!node) {
      node = new Node();
      byId.set(id, node);
    }
    return node;
  }

  toEntity(id: string | null): CostProductEntity {
    const entities: Record<string, CostProductEntity[]> = {};
    for (const [dimension, byId] of this.children) {
      entities[dimension] = [...byId.entries()]
        .sort(
          ([a, x], [b, y]) =>
            y.previous + y.current - (x.previous + x.current) ||
            a.localeCompare(b),
        )
        .map(([childId, node]) =>
          node.toEntity(childId === '' ? null : childId),
        );
    }
    return {
      id,
      aggregation: [roundCents(this.previous), roundCents(this.current)],
      change: computeChange(this.current, this.previous),
      entities,
    };
  }
}

/**
 * Spend on one product (a FOCUS `ServiceCategory` or `ServiceName`) in an
 * entity's scope over two periods, broken down by component and, within a
 * component, by resource and by service.
 */
export class ProductInsightsService {
  private constructor(
    private readonly store: CostStore,
    private readonly insights: CostInsightsService,
    private readonly accounts: AccountCostService,
  ) {}

  static create(options: {
    store: CostStore;
    insights: CostInsightsService;
    accounts: AccountCostService;
  }) {
    return new ProductInsightsService(
      options.store,
      options.insights,
      options.accounts,
    );
  }

  async productInsights(
    entityRef: string,
    scope: CostScope,
    query: ProductInsightsQuery,
  ): Promise<CostProductInsightsResponse> {
    const { product, intervals, account } = query;
    if (intervals.buckets.length !== 2) {
      throw new InputError(
        'Product insights compare two periods: intervals must repeat twice, e.g. R2/P30D/2026-01-01',
      );
    }
    const [previous, current] = intervals.buckets;
    const range = await this.insights.resolvePeriod(intervals);
    if (account !== undefined) {
      await this.accounts.requireAccount(account);
    }
    const base: CostFilter = account === undefined ? {} : { account };
    const match = await this.match(product, scope, range, base);
    const filter: CostFilter =
      match.column === 'ServiceCategory'
        ? { ...base, serviceCategories: match.values }
        : { ...base, serviceNames: match.values };
    const rows = await this.store.periodBreakdown(
      scope,
      { previous, current },
      filter,
    );
    const currency = mainCurrency(rows);
    const root = new Node();
    for (const row of rows) {
      if (row.currency !== currency) {
        continue;
      }
      root.add(row);
      const component = root.child('component', row.component);
      component.add(row);
      component.child('resource', row.resourceId).add(row);
      component.child('service', row.serviceName).add(row);
    }
    const entity = root.toEntity(product);
    return {
      entityRef,
      product,
      match,
      account: account ?? null,
      currency,
      previous,
      current,
      // the breakdown by component is there even when empty
      entity: { ...entity, entities: { component: [], ...entity.entities } },
    };
  }

  /**
   * A FOCUS ServiceCategory the key names, else the ServiceNames it names
   * among those with spend in the scope; when the scope has none, among
   * those with spend anywhere in the period (the product is known, the scope
   * just did not use it). A key matching nothing is unknown.
   */
  private async match(
    product: string,
    scope: CostScope,
    range: { from: string; to: string },
    filter: CostFilter,
  ): Promise<CostProductMatch> {
    const category = matchProduct(product, []);
    if (category.values.length > 0) {
      return category;
    }
    const inScope = matchProduct(
      product,
      await this.store.serviceNames(scope, range, filter),
    );
    if (inScope.values.length > 0) {
      return inScope;
    }
    const anywhere = matchProduct(
      product,
      await this.store.serviceNames({ type: 'all' }, range),
    );
    if (anywhere.values.length > 0) {
      return anywhere;
    }
    throw new NotFoundError(
      `Product ${JSON.stringify(
        product,
      )} matches no FOCUS ServiceCategory and no ServiceName with spend from ${
        range.from
      } to ${range.to} (compared ignoring case, spaces and punctuation)`,
    );
  }
}
