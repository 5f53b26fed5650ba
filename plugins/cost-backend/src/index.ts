/**
 * The Opsdeck cost backend: FOCUS billing ingestion, attribution to catalog
 * entities, daily aggregates, trends, forecasts, anomalies and hints.
 *
 * @packageDocumentation
 */

export { costPlugin as default } from './plugin';
export type { CostStore } from './database/CostStore';
export { DatabaseCostStore } from './database/DatabaseCostStore';
export type * from './database/types';
