import { formatPromDuration } from './duration';
import { ComparisonOp, SloDefinition } from './model';

/** Recorded bad-event (or bad-slice) count per window. @public */
export const RECORDED_ERRORS_METRIC = 'opsdeck_slo:sli_errors:increase';
/** Recorded total-event (or slice) count per window. @public */
export const RECORDED_TOTAL_METRIC = 'opsdeck_slo:sli_total:increase';
/** Label carrying the SLO name on recorded series and alerts. @public */
export const SLO_NAME_LABEL = 'opsdeck_slo';
/** Label carrying the OpenSLO service on recorded series and alerts. @public */
export const SLO_SERVICE_LABEL = 'opsdeck_service';
/** Label carrying the window (`5m`, `1h`, `30d`) on recorded series. @public */
export const SLO_WINDOW_LABEL = 'slo_window';
/** Label telling errors from totals in combined queries. @public */
export const SLO_PART_LABEL = 'slo_part';

/** Quotes a string as a PromQL string literal. @public */
export function promString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

const NEGATED: Record<ComparisonOp, string> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

function increase(selector: string, seconds: number): string {
  return `sum(increase(${selector}[${formatPromDuration(seconds)}]))`;
}

/**
 * PromQL for the number of bad events (Occurrences) or bad time slices
 * (Timeslices) of an SLO over a window.
 *
 * @public
 */
export function errorsExpression(slo: SloDefinition, seconds: number): string {
  const range = formatPromDuration(seconds);
  if (slo.indicator.kind === 'ratio') {
    const { good, bad, total } = slo.indicator;
    if (slo.budgetingMethod === 'Occurrences') {
      return bad
        ? increase(bad.query, seconds)
        : `(${increase(total.query, seconds)} - ${increase(
            good!.query,
            seconds,
          )})`;
    }
    const slice = slo.objective.timeSliceWindowSeconds!;
    return `sum_over_time((${sliceRatio(slo)} < bool ${
      slo.objective.timeSliceTarget
    })[${range}:${formatPromDuration(slice)}])`;
  }
  const slice = slo.objective.timeSliceWindowSeconds!;
  const sliceRange = `[${range}:${formatPromDuration(slice)}]`;
  const query = slo.indicator.query.query;
  return `(count_over_time((${query})${sliceRange}) - sum_over_time(((${query}) ${
    NEGATED[slo.objective.op!]
  } bool ${slo.objective.value})${sliceRange}))`;
}

function sliceRatio(slo: SloDefinition): string {
  if (slo.indicator.kind !== 'ratio') {
    throw new Error('slice ratios apply to ratio indicators');
  }
  const slice = slo.objective.timeSliceWindowSeconds!;
  const { good, bad, total } = slo.indicator;
  const totalExpr = `(${increase(total.query, slice)} > 0)`;
  return good
    ? `(${increase(good.query, slice)} / ${totalExpr})`
    : `(1 - ${increase(bad!.query, slice)} / ${totalExpr})`;
}

/**
 * PromQL for the number of events (Occurrences) or time slices with data
 * (Timeslices) of an SLO over a window.
 *
 * @public
 */
export function totalExpression(slo: SloDefinition, seconds: number): string {
  if (slo.indicator.kind === 'ratio') {
    if (slo.budgetingMethod === 'Occurrences') {
      return increase(slo.indicator.total.query, seconds);
    }
    const slice = slo.objective.timeSliceWindowSeconds!;
    return `count_over_time(${sliceRatio(slo)}[${formatPromDuration(
      seconds,
    )}:${formatPromDuration(slice)}])`;
  }
  const slice = slo.objective.timeSliceWindowSeconds!;
  return `count_over_time((${slo.indicator.query.query})[${formatPromDuration(
    seconds,
  )}:${formatPromDuration(slice)}])`;
}

function labelled(expr: string, labels: Record<string, string>): string {
  return Object.entries(labels).reduce(
    (inner, [name, value]) =>
      `label_replace(${inner}, ${promString(name)}, ${promString(
        value,
      )}, "", "")`,
    expr,
  );
}

/**
 * One PromQL query returning, for every window given, a series of bad
 * counts and a series of total counts, told apart by the `slo_part`
 * (`errors` / `total`) and `slo_window` labels.
 *
 * @public
 */
export function windowCountsQuery(
  slo: SloDefinition,
  windowsSeconds: readonly number[],
): string {
  return windowsSeconds
    .flatMap(seconds => {
      const window = formatPromDuration(seconds);
      return [
        labelled(errorsExpression(slo, seconds), {
          [SLO_PART_LABEL]: 'errors',
          [SLO_WINDOW_LABEL]: window,
        }),
        labelled(totalExpression(slo, seconds), {
          [SLO_PART_LABEL]: 'total',
          [SLO_WINDOW_LABEL]: window,
        }),
      ];
    })
    .join(' or ');
}

/** Selector labels identifying an SLO's recorded series. @public */
export function recordedSeriesLabels(
  slo: SloDefinition,
): Record<string, string> {
  return { [SLO_NAME_LABEL]: slo.name, [SLO_SERVICE_LABEL]: slo.service };
}

/**
 * One PromQL query returning every recorded window of an SLO (both
 * metrics), when the generated recording rules are loaded.
 *
 * @public
 */
export function recordedCountsQuery(slo: SloDefinition): string {
  return `{__name__=~${promString(
    `${RECORDED_ERRORS_METRIC}|${RECORDED_TOTAL_METRIC}`,
  )}, ${SLO_NAME_LABEL}=${promString(
    slo.name,
  )}, ${SLO_SERVICE_LABEL}=${promString(slo.service)}}`;
}

/**
 * PromQL for a range query returning bad and total counts per step (each
 * step's increase), for history charts.
 *
 * @public
 */
export function historyQuery(slo: SloDefinition, stepSeconds: number): string {
  return [
    labelled(errorsExpression(slo, stepSeconds), {
      [SLO_PART_LABEL]: 'errors',
    }),
    labelled(totalExpression(slo, stepSeconds), { [SLO_PART_LABEL]: 'total' }),
  ].join(' or ');
}
