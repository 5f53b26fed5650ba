import { MetricsSource, SloMetricsError } from '@opsdeck/plugin-slo-node';
import {
  SloDefinition,
  SloEvaluation,
  SloHistoryPoint,
  burnRate,
  burnRateStatus,
  errorBudget,
  formatPromDuration,
  generatePrometheusRules,
  renderYaml,
  sli,
  sloAlertWindowPairs,
  sloRecordedWindows,
  sloWindowAt,
  timeToExhaustion,
} from '@opsdeck/plugin-slo-common';

function describeWindow(slo: SloDefinition): string {
  return slo.timeWindow.kind === 'rolling'
    ? `rolling ${slo.timeWindow.duration}`
    : `calendar ${slo.timeWindow.duration} (${slo.timeWindow.timeZone})`;
}

/** The parts of an evaluation known before asking the metrics source. */
function skeleton(slo: SloDefinition, atMs: number, source: string) {
  const bounds = sloWindowAt(slo.timeWindow, atMs);
  const alertRules = generatePrometheusRules([slo]).groups.filter(g =>
    g.name.endsWith('-alerts'),
  );
  const base: SloEvaluation = {
    name: slo.name,
    displayName: slo.displayName,
    description: slo.description,
    service: slo.service,
    indicator: slo.indicator.kind,
    budgetingMethod: slo.budgetingMethod,
    objective: {
      target: slo.objective.target,
      displayName: slo.objective.displayName,
      op: slo.objective.op,
      value: slo.objective.value,
    },
    window: {
      description: describeWindow(slo),
      start: new Date(bounds.startMs).toISOString(),
      end: new Date(bounds.endMs).toISOString(),
      seconds: (bounds.endMs - bounds.startMs) / 1000,
    },
    state: 'error',
    attainment: null,
    budget: null,
    timeToExhaustionSeconds: null,
    burnRate: null,
    windows: [],
    history: [],
    alertRulesYaml: renderYaml({ groups: alertRules }),
    metricsSource: source,
    queries: 0,
    usedRecordingRules: false,
  };
  return { base, bounds };
}

/** An evaluation that failed before or while asking the source. */
export function failedEvaluation(
  slo: SloDefinition,
  atMs: number,
  source: string,
  problem: SloEvaluation['problem'],
): SloEvaluation {
  return { ...skeleton(slo, atMs, source).base, problem };
}

/**
 * Evaluates one SLO at `atMs` against a metrics source: attainment and
 * budget over the SLO window, burn rates per alert window, history.
 */
export async function evaluateSlo(
  slo: SloDefinition,
  source: MetricsSource,
  atMs: number,
  historyPoints: number,
): Promise<SloEvaluation> {
  const { base, bounds } = skeleton(slo, atMs, source.name);
  // Calendar windows count from their start to now, to the whole second.
  const elapsedSeconds = Math.max(
    60,
    Math.floor((atMs - bounds.startMs) / 1000),
  );
  const sloWindowSeconds =
    slo.timeWindow.kind === 'rolling' ? slo.timeWindow.seconds : elapsedSeconds;
  const windows = [
    ...new Set([
      ...sloRecordedWindows(slo).filter(w => w < sloWindowSeconds),
      sloWindowSeconds,
    ]),
  ];
  const stepSeconds = Math.max(
    60,
    Math.ceil(sloWindowSeconds / historyPoints / 60) * 60,
  );
  const historyStartMs =
    atMs - Math.floor(sloWindowSeconds / stepSeconds) * stepSeconds * 1000;
  try {
    const result = await source.evaluate({
      slo,
      atMs,
      windowsSeconds: windows,
      history: { startMs: historyStartMs, endMs: atMs, stepSeconds },
    });
    const target = slo.objective.target;
    const fullWindowSeconds = base.window.seconds;
    const windowCounts = result.counts.get(sloWindowSeconds);
    const budget = errorBudget(target, windowCounts, fullWindowSeconds);
    const status = burnRateStatus(
      target,
      result.counts,
      sloAlertWindowPairs(slo),
    );
    let cumulativeErrors = 0;
    let cumulativeTotal = 0;
    const history: SloHistoryPoint[] = result.history.map(point => {
      cumulativeErrors += point.errors;
      cumulativeTotal += point.total;
      const soFar = errorBudget(
        target,
        { errors: cumulativeErrors, total: cumulativeTotal },
        fullWindowSeconds,
      );
      return {
        time: new Date(point.timeMs).toISOString(),
        sli: sli(point) ?? null,
        budgetRemaining: soFar?.remaining ?? null,
      };
    });
    const evaluation: SloEvaluation = {
      ...base,
      state: budget ? 'ok' : 'no-data',
      attainment: budget?.attainment ?? null,
      budget: budget ?? null,
      burnRate: status,
      timeToExhaustionSeconds: budget
        ? timeToExhaustion(
            budget.remaining,
            burnRate(target, result.counts.get(3600)),
            fullWindowSeconds,
          ) ?? null
        : null,
      windows: windows.map(w => {
        const counts = result.counts.get(w);
        return {
          window: formatPromDuration(w),
          seconds: w,
          errors: counts?.errors ?? null,
          total: counts?.total ?? null,
          burnRate: burnRate(target, counts) ?? null,
        };
      }),
      history,
      queries: result.queries,
      usedRecordingRules: result.usedRecordingRules,
    };
    if (!budget) {
      evaluation.problem = {
        code: 'no-traffic',
        message: `no traffic in the ${base.window.description} window: ${
          slo.indicator.kind === 'ratio'
            ? 'the total counter did not increase'
            : 'the query returned no samples'
        }, so there is no attainment to show`,
      };
    }
    return evaluation;
  } catch (error) {
    if (error instanceof SloMetricsError) {
      return { ...base, problem: { code: error.code, message: error.message } };
    }
    throw error;
  }
}
