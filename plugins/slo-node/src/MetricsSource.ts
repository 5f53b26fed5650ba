import {
  SloDefinition,
  SloProblemCode,
  WindowCounts,
} from '@opsdeck/plugin-slo-common';

/** What the SLO backend asks a metrics source for. @public */
export interface SloMetricsRequest {
  slo: SloDefinition;
  /** Evaluation time, milliseconds since the epoch. */
  atMs: number;
  /** Windows ending at `atMs`, in seconds (alert windows and the SLO window). */
  windowsSeconds: number[];
  /** Steps of the history chart: increases over each step, ending at each step's time. */
  history: { startMs: number; endMs: number; stepSeconds: number };
}

/** One history step: bad and total counts over the step ending at `timeMs`. @public */
export interface SloHistoryCounts extends WindowCounts {
  timeMs: number;
}

/** @public */
export interface SloMetricsResult {
  /** Counts per window (seconds); a window missing from the map had no traffic. */
  counts: Map<number, WindowCounts>;
  history: SloHistoryCounts[];
  /** Queries sent to the backing system for this SLO. */
  queries: number;
  /** Whether precomputed recording rules answered (fewer, cheaper queries). */
  usedRecordingRules: boolean;
}

/**
 * A system SLIs are read from: Prometheus (built in), or whatever a module
 * adds (Datadog, Grafana Cloud, ...).
 *
 * @public
 */
export interface MetricsSource {
  /** Name SLOs refer to with `metricSourceRef`. */
  readonly name: string;
  /** True when the figures are recorded demo data, not live measurements. */
  readonly demo: boolean;
  /** Counts for the requested windows and history; throws {@link SloMetricsError}. */
  evaluate(request: SloMetricsRequest): Promise<SloMetricsResult>;
}

/**
 * A precise reason an SLO could not be evaluated (unknown metric, source
 * down, slow, answering an error or NaN).
 *
 * @public
 */
export class SloMetricsError extends Error {
  readonly code: SloProblemCode;

  constructor(code: SloProblemCode, message: string) {
    super(message);
    this.name = 'SloMetricsError';
    this.code = code;
  }
}
