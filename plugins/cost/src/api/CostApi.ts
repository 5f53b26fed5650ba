import { createApiRef } from '@backstage/core-plugin-api';
import {
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
} from '@opsdeck/plugin-cost-common';

/** A period, inclusive days `YYYY-MM-DD`; omitted: the last 30 days with data. @public */
export interface CostPeriod {
  from?: string;
  to?: string;
}

/** What {@link CostApi.getProductInsights} asks about. @public */
export interface CostProductInsightsQuery {
  /** A product key: a FOCUS ServiceCategory or ServiceName. */
  product: string;
  entityRef: string;
  /** Two periods as a repeating interval, e.g. `R2/P30D/2026-01-01`. */
  intervals: string;
  /** Only spend billed to this account. */
  account?: string;
}

/**
 * Reads cost figures from the Opsdeck cost backend. Every call sends only an
 * entity ref: the backend resolves the entity with the caller's credentials.
 *
 * @public
 */
export interface CostApi {
  getSummary(
    entityRef: string,
    period?: CostPeriod,
  ): Promise<CostSummaryResponse>;
  getDaily(
    entityRef: string,
    dimension: CostDimension,
    period?: CostPeriod,
  ): Promise<CostDailySeriesResponse>;
  getForecast(entityRef: string): Promise<CostForecastResponse>;
  getAnomalies(
    entityRef: string,
    period?: CostPeriod,
  ): Promise<CostAnomaliesResponse>;
  /** Hints of an entity, or of the whole organisation without `entityRef`. */
  getHints(entityRef?: string, period?: CostPeriod): Promise<CostHintsResponse>;
  getOverview(period?: CostPeriod): Promise<CostOverviewResponse>;
  /**
   * The billing accounts an entity's spend is billed to; without a period,
   * over the last 365 days with data.
   */
  getAccounts(
    entityRef: string,
    period?: CostPeriod,
  ): Promise<CostAccountsResponse>;
  /** Daily cost of everything billed to one account. */
  getAccountDaily(
    account: string,
    dimension: CostDimension,
    period?: CostPeriod,
  ): Promise<CostAccountDailySeriesResponse>;
  /** A product's spend in an entity's scope over two periods. */
  getProductInsights(
    query: CostProductInsightsQuery,
  ): Promise<CostProductInsightsResponse>;
}

/** @public */
export const costApiRef = createApiRef<CostApi>({ id: 'plugin.opsdeck.cost' });
