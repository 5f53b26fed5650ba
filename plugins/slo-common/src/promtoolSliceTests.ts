import { formatPromDuration, parseDuration } from './duration';
import { parseMetricSelector } from './metricSelector';
import { SloDefinition } from './model';
import {
  BURN_RATE_ALERT_NAME,
  SloAlertWindowPair,
  sloAlertWindowPairs,
  sloRecordedWindows,
} from './prometheusRules';
import {
  SeriesSpec,
  expectedAlerts,
  seriesText,
  solveLabels,
  synthesiseSeries,
} from './promtoolScenarioParts';
import type { PromtoolTestFile } from './promtoolTests';

type PromtoolTest = PromtoolTestFile['tests'][number];

/**
 * Most slices a recorded window may hold for promtool to evaluate its rules:
 * `promtool test rules` loads at most 10000 samples a query, and a ratio
 * slice reads two.
 */
const MAX_SLICES_PER_WINDOW = 4000;

/** Events in each slice of a ratio indicator's scenarios. */
const EVENTS_PER_SLICE = 1000;

/**
 * How Prometheus 2 reads a window of `windowSeconds` at `atSeconds` through a
 * `[window:slice]` subquery: the steps are the multiples of the slice length
 * from the first at or after the window's start to the last at or before
 * `atSeconds`, both ends included. Step k reads slice k (the slice ending at
 * k times the slice length).
 */
function slicesInWindow(
  atSeconds: number,
  windowSeconds: number,
  sliceSeconds: number,
): [number, number] {
  return [
    Math.ceil((atSeconds - windowSeconds) / sliceSeconds),
    Math.floor(atSeconds / sliceSeconds),
  ];
}

function windowBurns(
  bad: readonly boolean[],
  atSeconds: number,
  windowSeconds: number,
  sliceSeconds: number,
  limit: number,
): boolean {
  const [first, last] = slicesInWindow(atSeconds, windowSeconds, sliceSeconds);
  let errors = 0;
  let total = 0;
  for (let k = Math.max(first, 1); k <= last; k++) {
    total += 1;
    if (bad[k]) errors += 1;
  }
  return total > 0 && errors / total > limit;
}

/**
 * The pairs firing at the end of a scenario: both windows above the limit at
 * every rule evaluation of the last `for` duration of the pair.
 */
function firingPairs(
  slo: SloDefinition,
  pairs: readonly SloAlertWindowPair[],
  bad: readonly boolean[],
  sliceSeconds: number,
  endSeconds: number,
  evaluationSeconds: number,
): SloAlertWindowPair[] {
  const budget = 1 - slo.objective.target;
  return pairs.filter(pair => {
    const limit = Number((pair.threshold * budget).toPrecision(12));
    const holds = (at: number) =>
      windowBurns(bad, at, pair.longWindowSeconds, sliceSeconds, limit) &&
      windowBurns(bad, at, pair.shortWindowSeconds, sliceSeconds, limit);
    for (
      let at = endSeconds - pair.forSeconds;
      at <= endSeconds;
      at += evaluationSeconds
    ) {
      if (!holds(at)) return false;
    }
    return true;
  });
}

/** promtool's `a+bxN` notation for a list of values, run by run. */
function encodeValues(values: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    const start = values[i];
    const step = i + 1 < values.length ? values[i + 1] - start : 0;
    let j = i + 1;
    while (j < values.length && values[j] - values[j - 1] === step) j++;
    const sign = step < 0 ? '-' : '+';
    parts.push(`${start}${sign}${Math.abs(step)}x${j - i - 1}`);
    i = j;
  }
  return parts.join(' ');
}

const AGGREGATED_SELECTOR =
  /^\s*(?:max|min|avg|sum)\s*(?:(by|without)\s*\(([^)]*)\)\s*)?\(([^()]*)\)\s*(?:(by|without)\s*\(([^)]*)\)\s*)?$/;

/**
 * The series a threshold indicator reads, when its query passes one series'
 * value through (a selector, or one aggregated with max, min, avg or sum),
 * and the labels the query's result keeps, which the recorded series and
 * alerts carry too.
 */
function thresholdSeries(
  slo: SloDefinition,
): { series: SeriesSpec; kept: Record<string, string> } | string {
  if (slo.indicator.kind !== 'threshold') {
    return 'not a threshold indicator';
  }
  const query = slo.indicator.query.query;
  const aggregation = AGGREGATED_SELECTOR.exec(query);
  const selector = parseMetricSelector(aggregation ? aggregation[3] : query);
  if (!selector?.metric) {
    return 'the threshold query must be a metric selector, or one aggregated with max, min, avg or sum';
  }
  const series = solveLabels(selector.metric, [selector], []);
  if (!series) {
    return 'no label values were found that match the selector';
  }
  const present = Object.entries(series.labels).filter(([, v]) => v !== '');
  let kept = present;
  if (aggregation) {
    const mode = aggregation[1] ?? aggregation[4];
    const names = (aggregation[2] ?? aggregation[5] ?? '')
      .split(',')
      .map(name => name.trim())
      .filter(Boolean);
    if (!mode) kept = [];
    else if (mode === 'by') kept = present.filter(([k]) => names.includes(k));
    else kept = present.filter(([k]) => !names.includes(k));
  }
  return { series, kept: Object.fromEntries(kept) };
}

/** Gauge values on either side of the objective's threshold. */
function thresholdValues(slo: SloDefinition): { good: number; bad: number } {
  const value = slo.objective.value!;
  const margin = Math.max(1, Math.abs(value) / 2);
  const below = value - margin;
  const above = value + margin;
  return slo.objective.op === 'lt' || slo.objective.op === 'lte'
    ? { good: below, bad: above }
    : { good: above, bad: below };
}

/**
 * Input series making slices 1..n bad where `bad[k]` is true: a gauge on
 * the wrong side of the threshold, or a slice whose events are all bad.
 */
function inputSeries(
  slo: SloDefinition,
  bad: readonly boolean[],
): PromtoolTest['input_series'] | string {
  if (slo.indicator.kind === 'threshold') {
    const read = thresholdSeries(slo);
    if (typeof read === 'string') return read;
    const values = thresholdValues(slo);
    return [
      {
        series: seriesText(read.series),
        values: encodeValues(bad.map(b => (b ? values.bad : values.good))),
      },
    ];
  }
  const series = synthesiseSeries(slo);
  if (typeof series === 'string') return series;
  const counter = (perSlice: (isBad: boolean) => number) => {
    let value = 0;
    return encodeValues(
      bad.map((isBad, k) => {
        if (k > 0) value += perSlice(isBad);
        return value;
      }),
    );
  };
  const increments = new Map<string, { good: boolean; bad: boolean }>();
  for (const spec of series.good) {
    const entry = increments.get(seriesText(spec)) ?? {
      good: false,
      bad: false,
    };
    increments.set(seriesText(spec), { ...entry, good: true });
  }
  for (const spec of series.bad) {
    const entry = increments.get(seriesText(spec)) ?? {
      good: false,
      bad: false,
    };
    increments.set(seriesText(spec), { ...entry, bad: true });
  }
  return [...increments.entries()].map(([text, counts]) => ({
    series: text,
    values: counter(isBad =>
      (isBad ? counts.bad : counts.good) ? EVENTS_PER_SLICE : 0,
    ),
  }));
}

/**
 * promtool scenarios for an SLO with Timeslices budgeting: a bad slice every
 * few slices, as often as each alert threshold needs to be crossed (the
 * scenario ends on a bad slice, so the short windows burn too), less often
 * than the lowest threshold (ending between bad slices), and an hour of good slices after a run of bad
 * ones. Which pairs fire is worked out slice by slice, the way Prometheus's
 * subqueries read them; the test names say which.
 */
export function sliceScenarioTests(
  slo: SloDefinition,
  evaluationInterval: string,
): PromtoolTest[] | string {
  const slice = slo.objective.timeSliceWindowSeconds;
  const evaluation = parseDuration(evaluationInterval);
  if (!slice || !evaluation || evaluation.unit !== 'm') {
    return 'the SLO has no time slice length';
  }
  const evaluationSeconds = evaluation.count * 60;
  if (slice % 60 !== 0) {
    return 'scenarios need a time slice of whole minutes';
  }
  if (evaluationSeconds % slice !== 0 && slice % evaluationSeconds !== 0) {
    return `scenarios need a time slice that divides, or is a multiple of, the ${evaluationInterval} evaluation interval`;
  }
  const widest = Math.max(...sloRecordedWindows(slo));
  if (widest / slice > MAX_SLICES_PER_WINDOW) {
    return `its ${formatPromDuration(widest)} window holds ${
      widest / slice
    } slices of ${formatPromDuration(
      slice,
    )}; promtool test rules reads at most ${MAX_SLICES_PER_WINDOW} a window (it loads at most 10000 samples a query)`;
  }
  const pairs = sloAlertWindowPairs(slo);
  const longest = Math.max(...pairs.map(p => p.longWindowSeconds));
  const budget = 1 - slo.objective.target;
  const step = Math.max(slice, evaluationSeconds);
  const length = Math.ceil((longest + 3600) / step) * step;
  const slices = length / slice;

  const scenarios: Array<{ title: string; bad: boolean[] }> = [];
  /** A bad slice every k slices, the last one `lag` slices before the end. */
  const everyKth = (k: number, lag = 0) =>
    Array.from(
      { length: slices + 1 },
      (_, i) => i > 0 && i <= slices - lag && (slices - lag - i) % k === 0,
    );
  const thresholds = [...new Set(pairs.map(p => p.threshold))].sort(
    (a, b) => b - a,
  );
  for (const threshold of thresholds) {
    const k = Math.max(
      1,
      Math.floor(1 / Math.min(1, threshold * 1.1 * budget)),
    );
    scenarios.push({
      title: `one bad slice in ${k} (burn ${Number(
        (1 / k / budget).toPrecision(4),
      )})`,
      bad: everyKth(k),
    });
  }
  const lowest = thresholds[thresholds.length - 1];
  const sparse = Math.floor(1 / Math.min(1, lowest * 0.9 * budget)) + 1;
  scenarios.push({
    title: `one bad slice in ${sparse} (burn ${Number(
      (1 / sparse / budget).toPrecision(4),
    )}), the last ${Math.floor(sparse / 2)} slices ago`,
    bad: everyKth(sparse, Math.floor(sparse / 2)),
  });
  const goodTail = Math.ceil(3600 / slice);
  scenarios.push({
    title: 'an hour of good slices after a run of bad ones',
    bad: Array.from(
      { length: slices + 1 },
      (_, i) => i > 0 && i <= slices - goodTail,
    ),
  });

  const read =
    slo.indicator.kind === 'threshold' ? thresholdSeries(slo) : undefined;
  const keptLabels = read && typeof read !== 'string' ? read.kept : {};
  const tests: PromtoolTest[] = [];
  for (const scenario of scenarios) {
    const input = inputSeries(slo, scenario.bad);
    if (typeof input === 'string') return input;
    const firing = firingPairs(
      slo,
      pairs,
      scenario.bad,
      slice,
      length,
      evaluationSeconds,
    );
    const fires =
      firing.length === 0
        ? 'fires nothing'
        : `fires ${firing
            .map(
              p =>
                `${p.severity} ${formatPromDuration(
                  p.longWindowSeconds,
                )}/${formatPromDuration(p.shortWindowSeconds)}`,
            )
            .join(', ')}`;
    tests.push({
      name: `${slo.name}: ${scenario.title} ${fires}`,
      interval: formatPromDuration(slice),
      input_series: input,
      alert_rule_test: [
        {
          eval_time: formatPromDuration(length),
          alertname: BURN_RATE_ALERT_NAME,
          exp_alerts: expectedAlerts(slo, firing, keptLabels),
        },
      ],
    });
  }
  return tests;
}
