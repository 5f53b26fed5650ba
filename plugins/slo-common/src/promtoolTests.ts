import { formatPromDuration } from './duration';
import { WindowCounts, burnRate } from './math';
import { SloDefinition } from './model';
import {
  MetricSelector,
  parseMetricSelector,
  selectorMatches,
} from './metricSelector';
import {
  BURN_RATE_ALERT_NAME,
  SloAlertWindowPair,
  alertAnnotations,
  sloAlertWindowPairs,
} from './prometheusRules';
import { SLO_NAME_LABEL, SLO_SERVICE_LABEL } from './promql';

/** A `promtool test rules` file. @public */
export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  tests: Array<{
    name: string;
    interval: string;
    input_series: Array<{ series: string; values: string }>;
    alert_rule_test: Array<{
      eval_time: string;
      alertname: string;
      exp_alerts: Array<{
        exp_labels: Record<string, string>;
        exp_annotations: Record<string, string>;
      }>;
    }>;
  }>;
}

/** @public */
export interface PromtoolTestGeneration {
  file: PromtoolTestFile;
  /** SLOs no scenario could be written for, with the reason. */
  skipped: Array<{ slo: string; reason: string }>;
}

const EVENTS_PER_MINUTE = 100000;
const CANDIDATE_VALUES = [
  '',
  '200',
  '500',
  '0',
  '1',
  'ok',
  'error',
  'success',
  'failure',
  'true',
  'false',
  'GET',
  'POST',
];

interface SeriesSpec {
  metric: string;
  labels: Record<string, string>;
}

function seriesText(spec: SeriesSpec): string {
  const labels = Object.entries(spec.labels)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${spec.metric}{${labels}}`;
}

/** Finds a label set for `metric` satisfying every `want` selector and no `avoid` selector. */
function solveLabels(
  metric: string,
  want: MetricSelector[],
  avoid: MetricSelector[],
): SeriesSpec | undefined {
  const all = [...want, ...avoid];
  const labelNames = [
    ...new Set(all.flatMap(s => s.matchers.map(m => m.label))),
  ];
  const candidates = labelNames.map(label => [
    ...new Set([
      ...all.flatMap(s =>
        s.matchers
          .filter(m => m.label === label && m.op === '=')
          .map(m => m.value),
      ),
      ...all.flatMap(s =>
        s.matchers
          .filter(m => m.label === label && m.op !== '=')
          .map(m => m.value.replace(/[.^$*+?()[\]{}|\\]/g, '') || 'x'),
      ),
      ...CANDIDATE_VALUES,
    ]),
  ]);
  const labels: Record<string, string> = {};
  const search = (index: number): boolean => {
    if (index === labelNames.length) {
      return (
        want.every(s => selectorMatches(s, metric, labels)) &&
        !avoid.some(s => selectorMatches(s, metric, labels))
      );
    }
    for (const value of candidates[index]) {
      labels[labelNames[index]] = value;
      if (search(index + 1)) return true;
    }
    return false;
  };
  if (!search(0)) return undefined;
  return { metric, labels: { ...labels } };
}

interface EventSeries {
  /** Series incremented by each good event. */
  good: SeriesSpec[];
  /** Series incremented by each bad event. */
  bad: SeriesSpec[];
}

function synthesiseSeries(slo: SloDefinition): EventSeries | string {
  if (slo.indicator.kind !== 'ratio' || slo.budgetingMethod !== 'Occurrences') {
    return 'scenarios are written for ratio indicators with Occurrences budgeting only';
  }
  const total = parseMetricSelector(slo.indicator.total.query);
  const partQuery = slo.indicator.good ?? slo.indicator.bad!;
  const part = parseMetricSelector(partQuery.query);
  if (!total?.metric || !part?.metric) {
    return 'the total and good/bad selectors must name their metrics';
  }
  const partIsGood = !!slo.indicator.good;
  if (total.metric === part.metric) {
    const inPart = solveLabels(total.metric, [total, part], []);
    const outOfPart = solveLabels(total.metric, [total], [part]);
    if (!inPart || !outOfPart) {
      return 'no label values were found that tell good from bad events';
    }
    return partIsGood
      ? { good: [inPart], bad: [outOfPart] }
      : { good: [outOfPart], bad: [inPart] };
  }
  const totalSeries = solveLabels(total.metric, [total], []);
  const partSeries = solveLabels(part.metric, [part], []);
  if (!totalSeries || !partSeries) {
    return 'no label values were found that match the selectors';
  }
  return partIsGood
    ? { good: [totalSeries, partSeries], bad: [totalSeries] }
    : { good: [totalSeries], bad: [totalSeries, partSeries] };
}

/** A stretch of steady traffic: minutes and bad events per minute. */
type Segment = { minutes: number; errorsPerMinute: number };

/** Minutes between samples and between rule evaluations in the scenarios. */
const STEP_MINUTES = 5;

function counterValues(
  segments: Segment[],
  perMinute: (s: Segment) => number,
): string {
  let value = 0;
  const parts: string[] = [];
  segments.forEach((segment, index) => {
    const step = perMinute(segment) * STEP_MINUTES;
    const steps = segment.minutes / STEP_MINUTES;
    const start = index === 0 ? 0 : value + step;
    const count = index === 0 ? steps : steps - 1;
    parts.push(`${start}+${step}x${count}`);
    value = start + step * count;
  });
  return parts.join(' ');
}

function countsOver(segments: Segment[], windowMinutes: number): WindowCounts {
  let remaining = windowMinutes;
  let errors = 0;
  let total = 0;
  for (let i = segments.length - 1; i >= 0 && remaining > 0; i--) {
    const used = Math.min(remaining, segments[i].minutes);
    errors += used * segments[i].errorsPerMinute;
    total += used * EVENTS_PER_MINUTE;
    remaining -= used;
  }
  return { errors, total };
}

function firingPairs(
  slo: SloDefinition,
  pairs: SloAlertWindowPair[],
  segments: Segment[],
): SloAlertWindowPair[] {
  return pairs.filter(pair => {
    const long = burnRate(
      slo.objective.target,
      countsOver(segments, pair.longWindowSeconds / 60),
    );
    const short = burnRate(
      slo.objective.target,
      countsOver(segments, pair.shortWindowSeconds / 60),
    );
    return (
      long !== undefined &&
      short !== undefined &&
      long > pair.threshold &&
      short > pair.threshold
    );
  });
}

/**
 * A `promtool test rules` file for the rules {@link generatePrometheusRules}
 * writes, for each SLO: steady traffic burning the budget just above each
 * alert threshold (those pairs must fire, and only those), just below the
 * lowest threshold (nothing fires), and a recovery after a long burn (the
 * short windows silence the fast alerts).
 *
 * @public
 */
export function generatePromtoolTests(
  slos: readonly SloDefinition[],
  ruleFile: string,
): PromtoolTestGeneration {
  const file: PromtoolTestFile = {
    rule_files: [ruleFile],
    evaluation_interval: `${STEP_MINUTES}m`,
    tests: [],
  };
  const skipped: PromtoolTestGeneration['skipped'] = [];
  for (const slo of slos) {
    const series = synthesiseSeries(slo);
    if (typeof series === 'string') {
      skipped.push({ slo: slo.name, reason: series });
      continue;
    }
    const pairs = sloAlertWindowPairs(slo);
    const longest = Math.max(...pairs.map(p => p.longWindowSeconds)) / 60;
    const budget = 1 - slo.objective.target;
    const errorsAtBurn = (rate: number) =>
      Math.min(
        EVENTS_PER_MINUTE,
        Math.round(rate * budget * EVENTS_PER_MINUTE),
      );
    const scenarios: Array<{ name: string; segments: Segment[] }> = [];
    const thresholds = [...new Set(pairs.map(p => p.threshold))].sort(
      (a, b) => b - a,
    );
    for (const threshold of thresholds) {
      const label = pairs
        .filter(p => p.threshold === threshold)
        .map(
          p =>
            `${p.severity} ${formatPromDuration(
              p.longWindowSeconds,
            )}/${formatPromDuration(p.shortWindowSeconds)}`,
        )
        .join(', ');
      scenarios.push({
        name: `${slo.name}: burn just above ${threshold} fires ${label}`,
        segments: [
          {
            minutes: longest + 60,
            errorsPerMinute: errorsAtBurn(threshold * 1.1),
          },
        ],
      });
    }
    const lowest = thresholds[thresholds.length - 1];
    scenarios.push({
      name: `${slo.name}: burn just below ${lowest} fires nothing`,
      segments: [
        { minutes: longest + 60, errorsPerMinute: errorsAtBurn(lowest * 0.9) },
      ],
    });
    const fastest = Math.max(...pairs.map(p => p.threshold));
    scenarios.push({
      name: `${slo.name}: an hour after a long burn ends, the short windows silence the fast alerts`,
      segments: [
        { minutes: longest, errorsPerMinute: errorsAtBurn(fastest * 1.5) },
        { minutes: 60, errorsPerMinute: 0 },
      ],
    });
    for (const scenario of scenarios) {
      const minutes = scenario.segments.reduce((sum, s) => sum + s.minutes, 0);
      const goodSegments = counterValues(
        scenario.segments,
        s => EVENTS_PER_MINUTE - s.errorsPerMinute,
      );
      const badSegments = counterValues(
        scenario.segments,
        s => s.errorsPerMinute,
      );
      const increments = new Map<string, string[]>();
      for (const spec of series.good) {
        increments.set(seriesText(spec), [
          ...(increments.get(seriesText(spec)) ?? []),
          'good',
        ]);
      }
      for (const spec of series.bad) {
        increments.set(seriesText(spec), [
          ...(increments.get(seriesText(spec)) ?? []),
          'bad',
        ]);
      }
      const valuesFor = (kinds: string[]) => {
        if (kinds.length === 2) {
          return counterValues(scenario.segments, () => EVENTS_PER_MINUTE);
        }
        return kinds[0] === 'good' ? goodSegments : badSegments;
      };
      const input_series = [...increments.entries()].map(([text, kinds]) => ({
        series: text,
        values: valuesFor(kinds),
      }));
      const firing = firingPairs(slo, pairs, scenario.segments);
      file.tests.push({
        name: scenario.name,
        interval: `${STEP_MINUTES}m`,
        input_series,
        alert_rule_test: [
          {
            eval_time: `${minutes}m`,
            alertname: BURN_RATE_ALERT_NAME,
            exp_alerts: firing.map(pair => {
              const labels: Record<string, string> = {
                severity: pair.severity,
                [SLO_NAME_LABEL]: slo.name,
                [SLO_SERVICE_LABEL]: slo.service,
                long_window: formatPromDuration(pair.longWindowSeconds),
                short_window: formatPromDuration(pair.shortWindowSeconds),
              };
              const annotations = Object.fromEntries(
                Object.entries(alertAnnotations(slo, pair)).map(
                  ([key, text]) => [
                    key,
                    text.replace(
                      /\{\{ \$labels\.([a-z_]+) \}\}/g,
                      (_, name: string) => labels[name] ?? '',
                    ),
                  ],
                ),
              );
              return { exp_labels: labels, exp_annotations: annotations };
            }),
          },
        ],
      });
    }
  }
  return { file, skipped };
}
