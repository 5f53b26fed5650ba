/**
 * OpenSLO parsing, SLO math, Prometheus rule generation and the types shared
 * by the Opsdeck SLO plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './errorBudgetGate';
export * from './api';
export * from './model';
export * from './duration';
export * from './math';
export * from './burnRateAlerts';
export * from './calendarWindow';
export * from './promql';
export * from './metricSelector';
export * from './prometheusRules';
export * from './promtoolTests';
export type { PromtoolExpectedAlert } from './promtoolScenarioParts';
export { parseOpenSlo, MAX_OPENSLO_FILE_LENGTH } from './openslo/parseOpenSlo';
export { OpenSloError } from './openslo/OpenSloError';
export type { OpenSloIssue } from './openslo/OpenSloError';
export * from './grafanaDashboard';
export * from './sloArtifacts';
