import { formatPromDuration } from './duration';
import { WindowCounts, burnRate } from './math';
import { SloDefinition } from './model';
import {
  BURN_RATE_ALERT_NAME,
  SloAlertWindowPair,
  generatePrometheusRules,
  sloAlertWindowPairs,
} from './prometheusRules';
import {
  PromtoolExpectedAlert,
  expectedAlerts,
  seriesText,
  synthesiseSeries,
} from './promtoolScenarioParts';
import { sliceScenarioTests } from './promtoolSliceTests';

/** A `promtool test rules` file. @public */
export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  /** Rule groups in the order promtool evaluates them at each step: each SLO's recording rules before its alerts. */
  group_eval_order: string[];
  tests: Array<{
    name: string;
    interval: string;
    input_series: Array<{ series: string; values: string }>;
    alert_rule_test: Array<{
      eval_time: string;
      alertname: string;
      exp_alerts: PromtoolExpectedAlert[];
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
    group_eval_order: generatePrometheusRules(slos).groups.map(g => g.name),
    tests: [],
  };
  const skipped: PromtoolTestGeneration['skipped'] = [];
  for (const slo of slos) {
    if (slo.budgetingMethod === 'Timeslices') {
      const tests = sliceScenarioTests(slo, file.evaluation_interval);
      if (typeof tests === 'string') {
        skipped.push({ slo: slo.name, reason: tests });
      } else {
        file.tests.push(...tests);
      }
      continue;
    }
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
            exp_alerts: expectedAlerts(slo, firing),
          },
        ],
      });
    }
  }
  return { file, skipped };
}
