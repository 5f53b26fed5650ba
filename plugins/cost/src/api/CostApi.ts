import { createApiRef } from '@backstage/core-plugin-api';
import {
  CostAnomaliesResponse,
  CostDailySeriesResponse,
  CostDimension,
  CostForecastResponse,
  CostHintsResponse,
  CostOverviewResponse,
  CostSummaryResponse,
} from '@opsdeck/plugin-cost-common';

/** A period, inclusive days `YYYY-MM-DD`; omitted: the last 30 days with data. @public */
export interface CostPeriod {
  from?: string;
  to?: string;
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
}

/** @public */
export const costApiRef = createApiRef<CostApi>({ id: 'plugin.opsdeck.cost' });
