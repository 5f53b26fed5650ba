/**
 * Opsdeck cost plugin: the cost-insights tab of catalog entities and the
 * organisation's cost overview, from FOCUS billing data.
 *
 * @packageDocumentation
 */

export { costPlugin, EntityCostContent, CostOverviewPage } from './plugin';
export { costApiRef } from './api/CostApi';
export type {
  CostApi,
  CostPeriod,
  CostProductInsightsQuery,
} from './api/CostApi';
export { CostClient } from './api/CostClient';
export { CostInsightsApiClient } from './api/CostInsightsApiClient';
export type {
  CommunityAlert,
  CommunityCost,
  CommunityEntity,
  CommunityProductInsightsOptions,
  CostInsightsCatalogReader,
  DateAggregation,
} from './api/CostInsightsApiClient';
export { isCostEntity } from './isCostEntity';
