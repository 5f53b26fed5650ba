import {
  MetricsSource,
  SloHistoryCounts,
  SloMetricsError,
  SloMetricsRequest,
  SloMetricsResult,
} from '@opsdeck/plugin-slo-node';
import {
  RECORDED_ERRORS_METRIC,
  RECORDED_TOTAL_METRIC,
  SLO_PART_LABEL,
  SLO_WINDOW_LABEL,
  SloDefinition,
  WindowCounts,
  formatPromDuration,
  historyQuery,
  recordedCountsQuery,
  windowCountsQuery,
} from '@opsdeck/plugin-slo-common';
import { PrometheusClient, PrometheusSeries } from './PrometheusClient';

/** Counts its queries and refuses to go over the per-SLO limit. */
class QueryBudget {
  used = 0;
  constructor(private readonly limit: number, private readonly slo: string) {}
  take() {
    if (this.used >= this.limit) {
      throw new SloMetricsError(
        'query-limit',
        `evaluating SLO ${this.slo} needs more than the ${this.limit} queries allowed (slo.maxQueriesPerSlo)`,
      );
    }
    this.used += 1;
  }
}

function checkNumber(value: number, what: string, query: string) {
  if (Number.isNaN(value)) {
    throw new SloMetricsError(
      'not-a-number',
      `Prometheus returned NaN for ${what} (${query.slice(0, 300)})`,
    );
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new SloMetricsError(
      'metrics-error',
      `Prometheus returned ${value} for ${what}, which is not a count`,
    );
  }
}

/**
 * Evaluates SLOs against a Prometheus instance: one query for the recorded
 * windows of the generated rules when they are loaded, one for whatever
 * windows they do not cover, and one range query for the history.
 */
export class PrometheusMetricsSource implements MetricsSource {
  readonly demo = false;

  private constructor(
    private readonly client: PrometheusClient,
    private readonly options: {
      useRecordingRules: boolean;
      maxQueries: number;
    },
  ) {}

  static create(
    client: PrometheusClient,
    options: { useRecordingRules: boolean; maxQueries: number },
  ) {
    return new PrometheusMetricsSource(client, options);
  }

  get name(): string {
    return this.client.name;
  }

  async evaluate(request: SloMetricsRequest): Promise<SloMetricsResult> {
    const { slo, atMs, windowsSeconds, history } = request;
    const budget = new QueryBudget(this.options.maxQueries, slo.name);
    const counts = new Map<number, WindowCounts>();
    const sloWindow = Math.max(...windowsSeconds);
    let usedRecordingRules = false;
    let missing = [...windowsSeconds];

    if (this.options.useRecordingRules) {
      budget.take();
      const query = recordedCountsQuery(slo);
      const series = await this.client.query(query, atMs);
      const byWindow = new Map(
        windowsSeconds.map(w => [formatPromDuration(w), w]),
      );
      const parts = new Map<number, Partial<WindowCounts>>();
      for (const item of series) {
        const window = byWindow.get(item.metric[SLO_WINDOW_LABEL]);
        if (window === undefined) continue;
        const value = item.values[0][1];
        checkNumber(
          value,
          `recorded window ${item.metric[SLO_WINDOW_LABEL]} of SLO ${slo.name}`,
          query,
        );
        const entry = parts.get(window) ?? {};
        if (item.metric.__name__ === RECORDED_ERRORS_METRIC)
          entry.errors = value;
        if (item.metric.__name__ === RECORDED_TOTAL_METRIC) entry.total = value;
        parts.set(window, entry);
      }
      for (const [window, entry] of parts) {
        if (entry.errors !== undefined && entry.total !== undefined) {
          counts.set(window, { errors: entry.errors, total: entry.total });
        }
      }
      missing = windowsSeconds.filter(w => !counts.has(w));
      usedRecordingRules = counts.size > 0;
    }

    if (missing.length > 0) {
      budget.take();
      const query = windowCountsQuery(slo, missing);
      const series = await this.client.query(query, atMs);
      this.readWindowCounts(slo, series, missing, sloWindow, counts, query);
    }

    budget.take();
    const rangeQuery = historyQuery(slo, history.stepSeconds);
    const matrix = await this.client.queryRange(
      rangeQuery,
      history.startMs + history.stepSeconds * 1000,
      history.endMs,
      history.stepSeconds,
    );
    return {
      counts,
      history: this.readHistory(matrix, rangeQuery),
      queries: budget.used,
      usedRecordingRules,
    };
  }

  private readWindowCounts(
    slo: SloDefinition,
    series: PrometheusSeries[],
    windows: number[],
    sloWindow: number,
    counts: Map<number, WindowCounts>,
    query: string,
  ) {
    const seen = new Map<string, number>();
    for (const item of series) {
      const key = `${item.metric[SLO_PART_LABEL]}/${item.metric[SLO_WINDOW_LABEL]}`;
      if (seen.has(key)) {
        throw new SloMetricsError(
          'metrics-error',
          `the indicator of SLO ${slo.name} returns several series for ${key}; aggregate it to one (for example with sum() or max())`,
        );
      }
      const value = item.values[0][1];
      checkNumber(
        value,
        `${item.metric[SLO_PART_LABEL]} over ${item.metric[SLO_WINDOW_LABEL]} of SLO ${slo.name}`,
        query,
      );
      seen.set(key, value);
    }
    for (const window of windows) {
      const name = formatPromDuration(window);
      const total = seen.get(`total/${name}`);
      let errors = seen.get(`errors/${name}`);
      if (total === undefined) {
        if (window === sloWindow) {
          const selector =
            slo.indicator.kind === 'ratio'
              ? slo.indicator.total.query
              : slo.indicator.query.query;
          throw new SloMetricsError(
            'unknown-metric',
            `Prometheus instance '${this.name}' has no series for ${selector} over the last ${name}: check the metric name and labels`,
          );
        }
        continue;
      }
      if (errors === undefined) {
        if (
          slo.indicator.kind === 'ratio' &&
          slo.indicator.good &&
          window === sloWindow &&
          total > 0
        ) {
          throw new SloMetricsError(
            'unknown-metric',
            `Prometheus instance '${this.name}' has no series for ${slo.indicator.good.query} over the last ${name}: check the metric name and labels`,
          );
        }
        // Error counters often appear only with the first error.
        errors = 0;
      }
      counts.set(window, { errors: Math.max(0, errors), total });
    }
  }

  private readHistory(
    matrix: PrometheusSeries[],
    query: string,
  ): SloHistoryCounts[] {
    const points = new Map<number, Partial<WindowCounts>>();
    for (const item of matrix) {
      const part = item.metric[SLO_PART_LABEL];
      for (const [time, value] of item.values) {
        checkNumber(value, `the history (${part})`, query);
        const entry = points.get(time) ?? {};
        if (part === 'errors') entry.errors = value;
        if (part === 'total') entry.total = value;
        points.set(time, entry);
      }
    }
    return [...points.entries()]
      .filter(([, entry]) => entry.total !== undefined)
      .map(([time, entry]) => ({
        timeMs: time * 1000,
        errors: Math.max(0, entry.errors ?? 0),
        total: entry.total!,
      }))
      .sort((a, b) => a.timeMs - b.timeMs);
  }
}
