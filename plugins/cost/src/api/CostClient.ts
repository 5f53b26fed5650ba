import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { CostApi, CostPeriod, CostProductInsightsQuery } from './CostApi';

/**
 * {@link CostApi} over HTTP, through the discovery and fetch APIs.
 *
 * @public
 */
export class CostClient implements CostApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getSummary(entityRef: string, period?: CostPeriod) {
    return this.get<CostSummaryResponse>('summary', { entityRef, ...period });
  }

  getDaily(entityRef: string, dimension: CostDimension, period?: CostPeriod) {
    return this.get<CostDailySeriesResponse>('daily', {
      entityRef,
      dimension,
      ...period,
    });
  }

  getForecast(entityRef: string) {
    return this.get<CostForecastResponse>('forecast', { entityRef });
  }

  getAnomalies(entityRef: string, period?: CostPeriod) {
    return this.get<CostAnomaliesResponse>('anomalies', {
      entityRef,
      ...period,
    });
  }

  getHints(entityRef?: string, period?: CostPeriod) {
    return this.get<CostHintsResponse>('hints', { entityRef, ...period });
  }

  getOverview(period?: CostPeriod) {
    return this.get<CostOverviewResponse>('overview', { ...period });
  }

  getAccounts(entityRef: string, period?: CostPeriod) {
    return this.get<CostAccountsResponse>('accounts', {
      entityRef,
      ...period,
    });
  }

  getAccountDaily(
    account: string,
    dimension: CostDimension,
    period?: CostPeriod,
  ) {
    return this.get<CostAccountDailySeriesResponse>('accounts/daily', {
      account,
      dimension,
      ...period,
    });
  }

  getProductInsights(query: CostProductInsightsQuery) {
    return this.get<CostProductInsightsResponse>('product-insights', {
      product: query.product,
      entityRef: query.entityRef,
      intervals: query.intervals,
      account: query.account,
    });
  }

  private async get<T>(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('cost');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(key, value);
      }
    }
    const response = await this.fetchApi.fetch(`${baseUrl}/${path}?${params}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
