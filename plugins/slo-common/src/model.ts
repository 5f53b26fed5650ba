/**
 * The SLO model Opsdeck evaluates: an OpenSLO v1 SLO with its indicator,
 * alert policies and data source references resolved.
 */

/** A PromQL query together with the named Prometheus instance to ask. @public */
export interface PrometheusQuery {
  /** Name of the Prometheus instance (from `metricSourceRef`), or undefined for the default. */
  source?: string;
  query: string;
}

/**
 * Ratio indicator over counters: good (or bad) events out of total events.
 * Queries are metric selectors; Opsdeck adds the ranges.
 *
 * @public
 */
export interface RatioIndicator {
  kind: 'ratio';
  good?: PrometheusQuery;
  bad?: PrometheusQuery;
  total: PrometheusQuery;
}

/** Threshold indicator: a gauge-like query compared with the objective's `op` and `value`. @public */
export interface ThresholdIndicator {
  kind: 'threshold';
  query: PrometheusQuery;
}

/** @public */
export type SloTimeWindow =
  | { kind: 'rolling'; duration: string; seconds: number }
  | {
      kind: 'calendar';
      duration: string;
      count: number;
      unit: 'd' | 'w' | 'M' | 'Q' | 'Y';
      /** Start of the first window, wall-clock time in `timeZone` (`YYYY-MM-DD HH:mm:ss`). */
      startTime: string;
      timeZone: string;
    };

/** @public */
export type ComparisonOp = 'lt' | 'lte' | 'gt' | 'gte';

/** @public */
export interface SloObjective {
  displayName?: string;
  /** Fraction of good events (Occurrences) or good slices (Timeslices) required, in [0, 1). */
  target: number;
  op?: ComparisonOp;
  value?: number;
  /** Timeslices: fraction of good events a slice needs to be good (ratio indicators). */
  timeSliceTarget?: number;
  /** Timeslices: slice length in seconds. */
  timeSliceWindowSeconds?: number;
}

/** A burn-rate alert condition from an OpenSLO AlertPolicy. @public */
export interface SloBurnRateCondition {
  name: string;
  severity: string;
  threshold: number;
  lookbackWindowSeconds: number;
  alertAfterSeconds: number;
}

/** @public */
export interface SloAlertPolicy {
  name: string;
  alertWhenBreaching: boolean;
  conditions: SloBurnRateCondition[];
}

/** @public */
export interface SloDefinition {
  /** OpenSLO `metadata.name`, unique within the file. */
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  indicatorName: string;
  indicator: RatioIndicator | ThresholdIndicator;
  timeWindow: SloTimeWindow;
  budgetingMethod: 'Occurrences' | 'Timeslices';
  objective: SloObjective;
  alertPolicies: SloAlertPolicy[];
}
