import { formatPromDuration } from './duration';
import { SloDefinition } from './model';
import { sloAlertWindowPairs, sloRecordedWindows } from './prometheusRules';
import {
  RECORDED_ERRORS_METRIC,
  RECORDED_TOTAL_METRIC,
  SLO_NAME_LABEL,
  SLO_SERVICE_LABEL,
  SLO_WINDOW_LABEL,
  promString,
} from './promql';

/**
 * The parts of Grafana's dashboard model (schema version 39 and later) the
 * generated dashboards use.
 */

/** @public */
export interface GrafanaDataSourceRef {
  type: 'prometheus';
  uid: string;
}

/** A Prometheus query of a panel. @public */
export type GrafanaPrometheusTarget = {
  refId: string;
  expr: string;
  legendFormat: string;
  range: boolean;
  instant: boolean;
  datasource: GrafanaDataSourceRef;
};

/** @public */
export interface GrafanaGridPos {
  h: number;
  w: number;
  x: number;
  y: number;
}

/** @public */
export interface GrafanaThresholdStep {
  color: string;
  value: number | null;
}

/** @public */
export interface GrafanaQueryPanel {
  id: number;
  type: 'stat' | 'timeseries';
  title: string;
  description: string;
  datasource: GrafanaDataSourceRef;
  gridPos: GrafanaGridPos;
  targets: GrafanaPrometheusTarget[];
  fieldConfig: {
    defaults: {
      unit: string;
      decimals?: number;
      min?: number;
      max?: number;
      thresholds: {
        mode: 'absolute';
        steps: GrafanaThresholdStep[];
      };
    };
    overrides: [];
  };
  options: Record<string, unknown>;
}

/** @public */
export interface GrafanaRowPanel {
  id: number;
  type: 'row';
  title: string;
  collapsed: false;
  gridPos: GrafanaGridPos;
  panels: [];
}

/** A Grafana dashboard, as imported through the UI or the HTTP API. @public */
export interface GrafanaDashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  schemaVersion: number;
  editable: boolean;
  graphTooltip: 1;
  time: { from: string; to: string };
  refresh: string;
  templating: {
    list: Array<{
      name: string;
      label: string;
      type: 'datasource';
      query: 'prometheus';
      hide: 0;
    }>;
  };
  panels: Array<GrafanaRowPanel | GrafanaQueryPanel>;
}

/** @public */
export interface GrafanaDashboardOptions {
  /** Dashboard title; defaults to the services of the SLOs. */
  title?: string;
  /** Dashboard uid; defaults to one derived from the services. */
  uid?: string;
}

const DATA_SOURCE: GrafanaDataSourceRef = {
  type: 'prometheus',
  uid: '${datasource}',
};

const SCHEMA_VERSION = 39;

function recorded(
  metric: string,
  slo: SloDefinition,
  windowSeconds: number,
): string {
  return `${metric}{${SLO_NAME_LABEL}=${promString(
    slo.name,
  )}, ${SLO_SERVICE_LABEL}=${promString(
    slo.service,
  )}, ${SLO_WINDOW_LABEL}=${promString(formatPromDuration(windowSeconds))}}`;
}

/**
 * PromQL for the error ratio of an SLO over one recorded window, read from
 * the recording rules {@link generatePrometheusRules} writes.
 *
 * @public
 */
export function recordedErrorRatio(
  slo: SloDefinition,
  windowSeconds: number,
): string {
  return `(${recorded(RECORDED_ERRORS_METRIC, slo, windowSeconds)} / ${recorded(
    RECORDED_TOTAL_METRIC,
    slo,
    windowSeconds,
  )})`;
}

function budgetFraction(slo: SloDefinition): string {
  return String(Number((1 - slo.objective.target).toPrecision(12)));
}

/**
 * The window the SLI and budget panels show: the SLO window when it is
 * rolling (and so recorded), else the longest recorded window.
 */
function headlineWindow(slo: SloDefinition): number {
  if (slo.timeWindow.kind === 'rolling') {
    return slo.timeWindow.seconds;
  }
  return Math.max(...sloRecordedWindows(slo));
}

function target(
  refId: string,
  expr: string,
  legendFormat: string,
  instant: boolean,
): GrafanaPrometheusTarget {
  return {
    refId,
    expr,
    legendFormat,
    range: !instant,
    instant,
    datasource: DATA_SOURCE,
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A short uid (Grafana allows 40 characters) that is stable for a set of SLOs. */
function dashboardUid(slos: readonly SloDefinition[]): string {
  const text = slos.map(s => `${s.service}/${s.name}`).join(',');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  const services = slug([...new Set(slos.map(s => s.service))].join('-'));
  return `slo-${services.slice(0, 26)}-${hash.toString(16).padStart(8, '0')}`;
}

function panelsFor(
  slo: SloDefinition,
  y: number,
  nextId: () => number,
): Array<GrafanaRowPanel | GrafanaQueryPanel> {
  const window = headlineWindow(slo);
  const windowName = formatPromDuration(window);
  const windowNote =
    slo.timeWindow.kind === 'rolling'
      ? `the SLO window (${windowName})`
      : `the last ${windowName}, the longest recorded window (the SLO's calendar window is not recorded)`;
  const budget = budgetFraction(slo);
  const ratio = recordedErrorRatio(slo, window);
  const sliExpr = `1 - ${ratio}`;
  const remainingExpr = `1 - ${ratio} / ${budget}`;
  const title = slo.displayName ?? slo.name;
  const objective = slo.objective.target;
  const pairs = sloAlertWindowPairs(slo);
  const burnWindows = [
    ...new Set(pairs.flatMap(p => [p.longWindowSeconds, p.shortWindowSeconds])),
  ].sort((a, b) => a - b);
  const lowestThreshold = Math.min(...pairs.map(p => p.threshold));
  const highestThreshold = Math.max(...pairs.map(p => p.threshold));
  const thresholds = (steps: GrafanaThresholdStep[]) => ({
    mode: 'absolute' as const,
    steps,
  });
  return [
    {
      id: nextId(),
      type: 'row',
      title: `${title} (${slo.service})`,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    },
    {
      id: nextId(),
      type: 'stat',
      title: `SLI over ${windowName}`,
      description: `Share of good ${
        slo.budgetingMethod === 'Timeslices' ? 'time slices' : 'events'
      } over ${windowNote}; objective ${Number(
        (objective * 100).toPrecision(12),
      )}%.`,
      datasource: DATA_SOURCE,
      gridPos: { h: 6, w: 6, x: 0, y: y + 1 },
      targets: [target('A', sliExpr, 'SLI', true)],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          decimals: 3,
          thresholds: thresholds([
            { color: 'red', value: null },
            { color: 'green', value: objective },
          ]),
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'] },
        colorMode: 'value',
      },
    },
    {
      id: nextId(),
      type: 'stat',
      title: `Error budget remaining over ${windowName}`,
      description: `Fraction of the error budget (${budget} of ${
        slo.budgetingMethod === 'Timeslices' ? 'slices' : 'events'
      }) left over ${windowNote}; below 0 the budget is spent.`,
      datasource: DATA_SOURCE,
      gridPos: { h: 6, w: 6, x: 6, y: y + 1 },
      targets: [target('A', remainingExpr, 'remaining', true)],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          decimals: 1,
          max: 1,
          thresholds: thresholds([
            { color: 'red', value: null },
            { color: 'orange', value: 0 },
            { color: 'green', value: 0.25 },
          ]),
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'] },
        colorMode: 'value',
      },
    },
    {
      id: nextId(),
      type: 'timeseries',
      title: 'SLI and error budget remaining',
      description: `SLI and remaining error budget over ${windowNote}, as they moved.`,
      datasource: DATA_SOURCE,
      gridPos: { h: 6, w: 12, x: 12, y: y + 1 },
      targets: [
        target('A', sliExpr, 'SLI', false),
        target('B', remainingExpr, 'budget remaining', false),
      ],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          thresholds: thresholds([{ color: 'green', value: null }]),
        },
        overrides: [],
      },
      options: { legend: { displayMode: 'list', placement: 'bottom' } },
    },
    {
      id: nextId(),
      type: 'timeseries',
      title: 'Burn rate per window',
      description: `Error ratio over each alert window divided by the budgeted ratio (${budget}). Alerts: ${pairs
        .map(
          p =>
            `${p.severity} above ${Number(
              p.threshold.toPrecision(12),
            )} over ${formatPromDuration(
              p.longWindowSeconds,
            )} and ${formatPromDuration(p.shortWindowSeconds)}`,
        )
        .join('; ')}.`,
      datasource: DATA_SOURCE,
      gridPos: { h: 8, w: 24, x: 0, y: y + 7 },
      targets: burnWindows.map((seconds, index) =>
        target(
          `W${index + 1}`,
          `${recordedErrorRatio(slo, seconds)} / ${budget}`,
          formatPromDuration(seconds),
          false,
        ),
      ),
      fieldConfig: {
        defaults: {
          unit: 'none',
          min: 0,
          thresholds: thresholds([
            { color: 'green', value: null },
            { color: 'orange', value: lowestThreshold },
            { color: 'red', value: highestThreshold },
          ]),
        },
        overrides: [],
      },
      options: {
        legend: { displayMode: 'table', placement: 'right', calcs: ['last'] },
      },
    },
  ];
}

/**
 * A Grafana dashboard for SLOs, reading the recording rules
 * {@link generatePrometheusRules} writes: per SLO, its SLI and remaining
 * error budget over the SLO window, both over time, and the burn rate over
 * each alert window. The Prometheus data source is a dashboard variable.
 *
 * @public
 */
export function generateGrafanaDashboard(
  slos: readonly SloDefinition[],
  options: GrafanaDashboardOptions = {},
): GrafanaDashboard {
  if (slos.length === 0) {
    throw new Error('a dashboard needs at least one SLO');
  }
  let id = 0;
  const nextId = () => {
    id += 1;
    return id;
  };
  const panels = slos.flatMap((slo, index) =>
    panelsFor(slo, index * 15, nextId),
  );
  const services = [...new Set(slos.map(s => s.service))];
  return {
    uid: options.uid ?? dashboardUid(slos),
    title: options.title ?? `SLOs: ${services.join(', ')}`,
    description:
      'Generated from OpenSLO files by Opsdeck; reads the opsdeck_slo recording rules.',
    tags: ['opsdeck', 'slo'],
    schemaVersion: SCHEMA_VERSION,
    editable: true,
    graphTooltip: 1,
    time: { from: 'now-7d', to: 'now' },
    refresh: '1m',
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Prometheus',
          type: 'datasource',
          query: 'prometheus',
          hide: 0,
        },
      ],
    },
    panels,
  };
}
