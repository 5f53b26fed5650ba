import { stringify } from 'yaml';
import { BurnRateWindowPair, WORKBOOK_WINDOW_PAIRS } from './burnRateAlerts';
import { formatPromDuration } from './duration';
import { SloDefinition } from './model';
import {
  RECORDED_ERRORS_METRIC,
  RECORDED_TOTAL_METRIC,
  SLO_NAME_LABEL,
  SLO_SERVICE_LABEL,
  SLO_WINDOW_LABEL,
  errorsExpression,
  promString,
  totalExpression,
} from './promql';

/** Name of every generated burn-rate alert. @public */
export const BURN_RATE_ALERT_NAME = 'SloErrorBudgetBurn';

/** A window pair of an SLO's alerts, with the severity label it carries. @public */
export interface SloAlertWindowPair
  extends Omit<BurnRateWindowPair, 'severity'> {
  severity: string;
  /** Seconds the condition must hold before firing (`alertAfter`). */
  forSeconds: number;
}

/** @public */
export interface PrometheusRecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

/** @public */
export interface PrometheusAlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** @public */
export interface PrometheusRuleGroup {
  name: string;
  interval?: string;
  rules: Array<PrometheusRecordingRule | PrometheusAlertingRule>;
}

/** A Prometheus rules file. @public */
export interface PrometheusRuleFile {
  groups: PrometheusRuleGroup[];
}

/**
 * The burn-rate window pairs an SLO alerts on: the SRE workbook's three
 * pairs, plus one per burn-rate condition of its OpenSLO alert policies
 * (short window = 1/12 of the lookback window).
 *
 * @public
 */
export function sloAlertWindowPairs(slo: SloDefinition): SloAlertWindowPair[] {
  const pairs: SloAlertWindowPair[] = WORKBOOK_WINDOW_PAIRS.map(pair => ({
    ...pair,
    forSeconds: 0,
  }));
  for (const policy of slo.alertPolicies) {
    if (!policy.alertWhenBreaching) continue;
    for (const condition of policy.conditions) {
      const pair: SloAlertWindowPair = {
        severity: condition.severity,
        longWindowSeconds: condition.lookbackWindowSeconds,
        shortWindowSeconds: condition.lookbackWindowSeconds / 12,
        threshold: condition.threshold,
        budgetConsumed: 0,
        forSeconds: condition.alertAfterSeconds,
      };
      const duplicate = pairs.some(
        p =>
          p.severity === pair.severity &&
          p.longWindowSeconds === pair.longWindowSeconds &&
          p.threshold === pair.threshold,
      );
      if (!duplicate) pairs.push(pair);
    }
  }
  return pairs;
}

/**
 * Every window an SLO's recording rules cover: its alert windows and, for a
 * rolling SLO window, the SLO window itself.
 *
 * @public
 */
export function sloRecordedWindows(slo: SloDefinition): number[] {
  const windows = new Set<number>();
  for (const pair of sloAlertWindowPairs(slo)) {
    windows.add(pair.longWindowSeconds);
    windows.add(pair.shortWindowSeconds);
  }
  if (slo.timeWindow.kind === 'rolling') {
    windows.add(slo.timeWindow.seconds);
  }
  return [...windows].sort((a, b) => a - b);
}

function roundThreshold(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function groupBaseName(slo: SloDefinition): string {
  return `opsdeck-slo-${slo.service}-${slo.name}`;
}

function recordedRatio(slo: SloDefinition, seconds: number): string {
  const labels = `${SLO_NAME_LABEL}=${promString(
    slo.name,
  )}, ${SLO_SERVICE_LABEL}=${promString(
    slo.service,
  )}, ${SLO_WINDOW_LABEL}=${promString(formatPromDuration(seconds))}`;
  return `(${RECORDED_ERRORS_METRIC}{${labels}} / ${RECORDED_TOTAL_METRIC}{${labels}})`;
}

/**
 * Annotations of a burn-rate alert. Text from the OpenSLO file reaches them
 * only through `$labels`, so nothing in the file is run as a template.
 *
 * @public
 */
export function alertAnnotations(
  slo: SloDefinition,
  pair: SloAlertWindowPair,
): Record<string, string> {
  const limit = roundThreshold(pair.threshold * (1 - slo.objective.target));
  return {
    summary: `SLO {{ $labels.${SLO_NAME_LABEL} }} of {{ $labels.${SLO_SERVICE_LABEL} }} is burning its error budget over ${roundThreshold(
      pair.threshold,
    )}x`,
    description: `Error ratio over ${formatPromDuration(
      pair.longWindowSeconds,
    )} and ${formatPromDuration(
      pair.shortWindowSeconds,
    )} is above ${limit} (burn rate ${roundThreshold(
      pair.threshold,
    )} for a ${roundThreshold(slo.objective.target * 100)}% objective).`,
  };
}

/** Windows up to this length are recorded every evaluation; longer ones every 5 minutes. */
const FAST_WINDOW_LIMIT_SECONDS = 6 * 3600;

/**
 * Prometheus rules for SLOs: request-weighted recording rules per window
 * (bad and total event counts, labelled with the SLO, service and window) and
 * the multi-window, multi-burn-rate alerting rules reading them.
 *
 * @public
 */
export function generatePrometheusRules(
  slos: readonly SloDefinition[],
): PrometheusRuleFile {
  const groups: PrometheusRuleGroup[] = [];
  const seen = new Set<string>();
  for (const slo of slos) {
    const key = `${slo.service}/${slo.name}`;
    if (seen.has(key)) {
      throw new Error(`two SLOs named ${slo.name} for service ${slo.service}`);
    }
    seen.add(key);
    const base = groupBaseName(slo);
    const recording = (seconds: number): PrometheusRecordingRule[] => {
      const labels = {
        [SLO_NAME_LABEL]: slo.name,
        [SLO_SERVICE_LABEL]: slo.service,
        [SLO_WINDOW_LABEL]: formatPromDuration(seconds),
      };
      return [
        {
          record: RECORDED_ERRORS_METRIC,
          expr: errorsExpression(slo, seconds),
          labels,
        },
        {
          record: RECORDED_TOTAL_METRIC,
          expr: totalExpression(slo, seconds),
          labels,
        },
      ];
    };
    const windows = sloRecordedWindows(slo);
    groups.push({
      name: `${base}-sli`,
      rules: windows
        .filter(w => w <= FAST_WINDOW_LIMIT_SECONDS)
        .flatMap(recording),
    });
    const slow = windows.filter(w => w > FAST_WINDOW_LIMIT_SECONDS);
    if (slow.length > 0) {
      groups.push({
        name: `${base}-sli-long`,
        interval: '5m',
        rules: slow.flatMap(recording),
      });
    }
    const budget = 1 - slo.objective.target;
    groups.push({
      name: `${base}-alerts`,
      rules: sloAlertWindowPairs(slo).map(pair => {
        const limit = roundThreshold(pair.threshold * budget);
        const rule: PrometheusAlertingRule = {
          alert: BURN_RATE_ALERT_NAME,
          expr: `max without (${SLO_WINDOW_LABEL}) (\n  ${recordedRatio(
            slo,
            pair.longWindowSeconds,
          )} > ${limit}\n  and ignoring (${SLO_WINDOW_LABEL})\n  ${recordedRatio(
            slo,
            pair.shortWindowSeconds,
          )} > ${limit}\n)`,
          labels: {
            severity: pair.severity,
            [SLO_NAME_LABEL]: slo.name,
            [SLO_SERVICE_LABEL]: slo.service,
            long_window: formatPromDuration(pair.longWindowSeconds),
            short_window: formatPromDuration(pair.shortWindowSeconds),
          },
          annotations: alertAnnotations(slo, pair),
        };
        if (pair.forSeconds > 0) {
          rule.for = formatPromDuration(pair.forSeconds);
        }
        return rule;
      }),
    });
  }
  return { groups };
}

/** Writes a rules file as YAML. @public */
export function renderYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
