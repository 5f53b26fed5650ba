import { formatPromDuration } from './duration';
import { SloDefinition } from './model';
import {
  MetricSelector,
  parseMetricSelector,
  selectorMatches,
} from './metricSelector';
import { SloAlertWindowPair, alertAnnotations } from './prometheusRules';
import { SLO_NAME_LABEL, SLO_SERVICE_LABEL } from './promql';

/** An alert a promtool test expects. @public */
export interface PromtoolExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

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

/** A series of a scenario: metric name and labels. */
export interface SeriesSpec {
  metric: string;
  labels: Record<string, string>;
}

/** The series as promtool's input_series writes it. */
export function seriesText(spec: SeriesSpec): string {
  const labels = Object.entries(spec.labels)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${spec.metric}{${labels}}`;
}

/** Finds a label set for `metric` satisfying every `want` selector and no `avoid` selector. */
export function solveLabels(
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

export interface EventSeries {
  /** Series incremented by each good event. */
  good: SeriesSpec[];
  /** Series incremented by each bad event. */
  bad: SeriesSpec[];
}

/**
 * Series of a ratio indicator that good and bad events increment, with label
 * values chosen to satisfy its selectors; or why none could be found.
 */
export function synthesiseSeries(slo: SloDefinition): EventSeries | string {
  if (slo.indicator.kind !== 'ratio') {
    return 'event series are written for ratio indicators';
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

/** The alerts promtool must see for the window pairs that fire, with the labels the indicator's query keeps. */
export function expectedAlerts(
  slo: SloDefinition,
  firing: readonly SloAlertWindowPair[],
  indicatorLabels: Record<string, string> = {},
): PromtoolExpectedAlert[] {
  return firing.map(pair => {
    const labels: Record<string, string> = {
      ...indicatorLabels,
      severity: pair.severity,
      [SLO_NAME_LABEL]: slo.name,
      [SLO_SERVICE_LABEL]: slo.service,
      long_window: formatPromDuration(pair.longWindowSeconds),
      short_window: formatPromDuration(pair.shortWindowSeconds),
    };
    const annotations = Object.fromEntries(
      Object.entries(alertAnnotations(slo, pair)).map(([key, text]) => [
        key,
        text.replace(
          /\{\{ \$labels\.([a-z_]+) \}\}/g,
          (_, name: string) => labels[name] ?? '',
        ),
      ]),
    );
    return { exp_labels: labels, exp_annotations: annotations };
  });
}
