import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { fixedDurationSeconds, parseDuration } from '../duration';
import {
  PrometheusQuery,
  SloAlertPolicy,
  SloBurnRateCondition,
  SloDefinition,
  SloObjective,
  SloTimeWindow,
} from '../model';
import { OpenSloError, OpenSloIssue } from './OpenSloError';
import {
  AlertConditionSpec,
  AlertPolicySpec,
  MetricSource,
  SliSpec,
  SloDocument,
  alertConditionDocumentSchema,
  alertPolicyDocumentSchema,
  dataSourceDocumentSchema,
  sliDocumentSchema,
  sloDocumentSchema,
} from './schema';

/** Largest OpenSLO file accepted, in characters. @public */
export const MAX_OPENSLO_FILE_LENGTH = 512 * 1024;

const METRIC_SELECTOR_PATTERN =
  /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*)?(?:\{[^{}\n]*\})?$/;

const KIND_SCHEMAS = {
  SLO: sloDocumentSchema,
  SLI: sliDocumentSchema,
  AlertPolicy: alertPolicyDocumentSchema,
  AlertCondition: alertConditionDocumentSchema,
  DataSource: dataSourceDocumentSchema,
} as const;

type Kind = keyof typeof KIND_SCHEMAS;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else {
      out += out ? `.${String(key)}` : String(key);
    }
  }
  return out || '(document)';
}

class IssueCollector {
  readonly issues: OpenSloIssue[] = [];
  constructor(private readonly file: string) {}

  add(where: string, field: string, problem: string) {
    this.issues.push({
      file: this.file,
      field: field ? `${where}: ${field}` : where,
      problem,
    });
  }

  addZod(where: string, error: z.ZodError) {
    for (const issue of error.issues) {
      this.add(where, formatPath(issue.path), issue.message);
    }
  }
}

/**
 * Parses and validates an OpenSLO v1 file (one or more YAML documents) and
 * returns its SLOs with indicators, alert policies and conditions resolved.
 * Throws {@link OpenSloError} listing every problem found, with the file,
 * the field and what is wrong.
 *
 * @public
 */
export function parseOpenSlo(text: string, file: string): SloDefinition[] {
  const issues = new IssueCollector(file);
  if (text.length > MAX_OPENSLO_FILE_LENGTH) {
    issues.add(
      'file',
      '',
      `is ${text.length} characters long; the limit is ${MAX_OPENSLO_FILE_LENGTH}`,
    );
    throw new OpenSloError(issues.issues);
  }

  const docs = parseAllDocuments(text);
  const documents = Array.isArray(docs) ? docs : [docs];
  const parsed: Partial<Record<Kind, Map<string, unknown>>> = {};
  const slos: Array<{ where: string; doc: SloDocument }> = [];

  documents.forEach((document, index) => {
    const where = `document ${index + 1}`;
    for (const error of document.errors) {
      const line = error.linePos?.[0];
      issues.add(
        line ? `${where} (line ${line.line}, column ${line.col})` : where,
        '',
        `is not valid YAML: ${error.message.split('\n')[0]}`,
      );
    }
    if (document.errors.length > 0) {
      return;
    }
    const value: unknown = document.toJS({ maxAliasCount: 50 });
    if (value === null || value === undefined) {
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      issues.add(
        where,
        '',
        'must be a mapping with apiVersion, kind, metadata and spec',
      );
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.apiVersion !== 'openslo/v1') {
      issues.add(
        where,
        'apiVersion',
        `must be openslo/v1 (got ${JSON.stringify(record.apiVersion ?? null)})`,
      );
      return;
    }
    const kind = record.kind;
    if (typeof kind !== 'string' || !(kind in KIND_SCHEMAS)) {
      issues.add(
        where,
        'kind',
        `must be one of ${Object.keys(KIND_SCHEMAS).join(
          ', ',
        )} (got ${JSON.stringify(kind ?? null)})`,
      );
      return;
    }
    const name =
      typeof (record.metadata as any)?.name === 'string'
        ? (record.metadata as any).name
        : undefined;
    const label = name ? `${kind} ${name}` : `${where} (${kind})`;
    const result = KIND_SCHEMAS[kind as Kind].safeParse(value);
    if (!result.success) {
      issues.addZod(label, result.error);
      return;
    }
    const byName = (parsed[kind as Kind] ??= new Map());
    if (byName.has(name)) {
      issues.add(
        label,
        'metadata.name',
        `is used by another ${kind} in this file`,
      );
      return;
    }
    byName.set(name, result.data);
    if (kind === 'SLO') {
      slos.push({ where: label, doc: result.data as SloDocument });
    }
  });

  if (issues.issues.length === 0 && slos.length === 0) {
    issues.add(
      'file',
      '',
      'holds no SLO document (kind: SLO, apiVersion: openslo/v1)',
    );
  }

  const definitions: SloDefinition[] = [];
  for (const { where, doc } of slos) {
    const definition = resolveSlo(where, doc, parsed, issues);
    if (definition) {
      definitions.push(definition);
    }
  }
  if (issues.issues.length > 0) {
    throw new OpenSloError(issues.issues);
  }
  return definitions;
}

function toQuery(source: MetricSource): PrometheusQuery {
  return { source: source.metricSourceRef, query: source.spec.query };
}

function resolveSlo(
  where: string,
  doc: SloDocument,
  parsed: Partial<Record<Kind, Map<string, unknown>>>,
  issues: IssueCollector,
): SloDefinition | undefined {
  const before = issues.issues.length;
  const spec = doc.spec;

  let sliSpec: SliSpec | undefined;
  let indicatorName: string;
  let indicatorField: string;
  if (spec.indicator) {
    sliSpec = spec.indicator.spec;
    indicatorName = spec.indicator.metadata.name;
    indicatorField = 'spec.indicator.spec';
  } else {
    indicatorName = spec.indicatorRef!;
    indicatorField = `SLI ${indicatorName}: spec`;
    const sli = parsed.SLI?.get(indicatorName) as { spec: SliSpec } | undefined;
    if (!sli) {
      issues.add(
        where,
        'spec.indicatorRef',
        `names SLI ${indicatorName}, which is not in this file`,
      );
    } else {
      sliSpec = sli.spec;
    }
  }

  if (spec.budgetingMethod === 'RatioTimeslices') {
    issues.add(
      where,
      'spec.budgetingMethod',
      'RatioTimeslices is not supported; use Occurrences or Timeslices',
    );
  }
  if (spec.objectives.length > 1) {
    issues.add(
      where,
      'spec.objectives',
      'must hold one objective (write one SLO per objective)',
    );
  }
  const rawObjective = spec.objectives[0];
  const objective: SloObjective = {
    displayName: rawObjective.displayName,
    target: rawObjective.target ?? rawObjective.targetPercent! / 100,
    op: rawObjective.op,
    value: rawObjective.value,
    timeSliceTarget: rawObjective.timeSliceTarget,
  };
  if (rawObjective.timeSliceWindow) {
    const seconds = fixedDurationSeconds(
      parseDuration(rawObjective.timeSliceWindow)!,
    );
    if (seconds === undefined || seconds < 60 || seconds > 86400) {
      issues.add(
        where,
        'spec.objectives[0].timeSliceWindow',
        'must be between 1m and 1d',
      );
    }
    objective.timeSliceWindowSeconds = seconds;
  }

  let indicator: SloDefinition['indicator'] | undefined;
  if (sliSpec?.ratioMetric) {
    const ratio = sliSpec.ratioMetric;
    indicator = {
      kind: 'ratio',
      good: ratio.good && toQuery(ratio.good.metricSource),
      bad: ratio.bad && toQuery(ratio.bad.metricSource),
      total: toQuery(ratio.total!.metricSource),
    };
    for (const part of ['good', 'bad', 'total'] as const) {
      const query = indicator[part];
      if (query && !METRIC_SELECTOR_PATTERN.test(query.query)) {
        issues.add(
          where,
          `${indicatorField}.ratioMetric.${part}.metricSource.spec.query`,
          'must be a counter selector like http_requests_total{service="checkout",code!~"5.."} (Opsdeck adds the ranges and sums)',
        );
      }
    }
    const sources = new Set(
      [indicator.good, indicator.bad, indicator.total]
        .filter(Boolean)
        .map(q => q!.source ?? ''),
    );
    if (sources.size > 1) {
      issues.add(
        where,
        `${indicatorField}.ratioMetric`,
        'good/bad and total must come from the same metricSourceRef',
      );
    }
    if (objective.op !== undefined || objective.value !== undefined) {
      issues.add(
        where,
        'spec.objectives[0]',
        'op and value apply to thresholdMetric indicators only',
      );
    }
    if (
      spec.budgetingMethod === 'Timeslices' &&
      objective.timeSliceTarget === undefined
    ) {
      issues.add(
        where,
        'spec.objectives[0].timeSliceTarget',
        'is required with Timeslices budgeting',
      );
    }
  } else if (sliSpec?.thresholdMetric) {
    indicator = {
      kind: 'threshold',
      query: toQuery(sliSpec.thresholdMetric.metricSource),
    };
    if (objective.op === undefined || objective.value === undefined) {
      issues.add(
        where,
        'spec.objectives[0]',
        'op and value are required with a thresholdMetric indicator',
      );
    }
    if (spec.budgetingMethod !== 'Timeslices') {
      issues.add(
        where,
        'spec.budgetingMethod',
        'must be Timeslices with a thresholdMetric indicator',
      );
    }
  }
  if (
    spec.budgetingMethod === 'Timeslices' &&
    objective.timeSliceWindowSeconds === undefined
  ) {
    if (!rawObjective.timeSliceWindow) {
      issues.add(
        where,
        'spec.objectives[0].timeSliceWindow',
        'is required with Timeslices budgeting',
      );
    }
  }

  const timeWindow = resolveTimeWindow(where, spec.timeWindow[0], issues);
  const alertPolicies = resolveAlertPolicies(where, doc, parsed, issues);

  if (issues.issues.length > before || !indicator || !timeWindow) {
    return undefined;
  }
  return {
    name: doc.metadata.name,
    displayName: doc.metadata.displayName,
    description: spec.description,
    service: spec.service,
    indicatorName,
    indicator,
    timeWindow,
    budgetingMethod: spec.budgetingMethod as 'Occurrences' | 'Timeslices',
    objective,
    alertPolicies,
  };
}

function resolveTimeWindow(
  where: string,
  window: SloDocument['spec']['timeWindow'][number],
  issues: IssueCollector,
): SloTimeWindow | undefined {
  const duration = parseDuration(window.duration)!;
  const rolling = window.isRolling ?? !window.calendar;
  if (rolling) {
    const seconds = fixedDurationSeconds(duration);
    if (seconds === undefined) {
      issues.add(
        where,
        'spec.timeWindow[0].duration',
        'a rolling window needs a fixed length (m, h, d or w), not months, quarters or years',
      );
      return undefined;
    }
    if (seconds < 3600 || seconds > 400 * 86400) {
      issues.add(
        where,
        'spec.timeWindow[0].duration',
        'must be between 1h and 400d',
      );
      return undefined;
    }
    return { kind: 'rolling', duration: window.duration, seconds };
  }
  if (
    !['d', 'w', 'M', 'Q', 'Y'].includes(duration.unit) ||
    duration.count > 12
  ) {
    issues.add(
      where,
      'spec.timeWindow[0].duration',
      'a calendar window must be 1-12 days, weeks, months, quarters or years',
    );
    return undefined;
  }
  return {
    kind: 'calendar',
    duration: window.duration,
    count: duration.count,
    unit: duration.unit as 'd' | 'w' | 'M' | 'Q' | 'Y',
    startTime: window.calendar!.startTime,
    timeZone: window.calendar!.timeZone,
  };
}

function resolveCondition(
  where: string,
  field: string,
  name: string,
  spec: AlertConditionSpec,
  issues: IssueCollector,
): SloBurnRateCondition | undefined {
  const lookback = fixedDurationSeconds(
    parseDuration(spec.condition.lookbackWindow)!,
  );
  if (lookback === undefined || lookback < 3600 || lookback > 31 * 86400) {
    issues.add(
      where,
      `${field}.condition.lookbackWindow`,
      'must be between 1h and 31d (the short window is 1/12 of it)',
    );
    return undefined;
  }
  if (lookback % 12 !== 0) {
    issues.add(
      where,
      `${field}.condition.lookbackWindow`,
      'must divide into 12 whole seconds',
    );
    return undefined;
  }
  if (spec.condition.op !== 'gt' && spec.condition.op !== 'gte') {
    issues.add(
      where,
      `${field}.condition.op`,
      'a burn-rate alert fires above its threshold: use gt or gte',
    );
    return undefined;
  }
  const alertAfter = spec.condition.alertAfter
    ? fixedDurationSeconds(parseDuration(spec.condition.alertAfter)!)
    : 0;
  if (alertAfter === undefined) {
    issues.add(
      where,
      `${field}.condition.alertAfter`,
      'must be a fixed length (s, m, h, d or w)',
    );
    return undefined;
  }
  return {
    name,
    severity: spec.severity,
    threshold: spec.condition.threshold,
    lookbackWindowSeconds: lookback,
    alertAfterSeconds: alertAfter,
  };
}

function resolveAlertPolicies(
  where: string,
  doc: SloDocument,
  parsed: Partial<Record<Kind, Map<string, unknown>>>,
  issues: IssueCollector,
): SloAlertPolicy[] {
  const result: SloAlertPolicy[] = [];
  (doc.spec.alertPolicies ?? []).forEach((entry, index) => {
    const field = `spec.alertPolicies[${index}]`;
    let name: string;
    let spec: AlertPolicySpec;
    if ('alertPolicyRef' in entry) {
      const found = parsed.AlertPolicy?.get(entry.alertPolicyRef) as
        | { metadata: { name: string }; spec: AlertPolicySpec }
        | undefined;
      if (!found) {
        issues.add(
          where,
          `${field}.alertPolicyRef`,
          `names AlertPolicy ${entry.alertPolicyRef}, which is not in this file`,
        );
        return;
      }
      name = found.metadata.name;
      spec = found.spec;
    } else {
      name = entry.metadata.name;
      spec = entry.spec;
    }
    const conditions: SloBurnRateCondition[] = [];
    spec.conditions.forEach((condition, conditionIndex) => {
      const conditionField = `${field}.spec.conditions[${conditionIndex}]`;
      if ('conditionRef' in condition) {
        const found = parsed.AlertCondition?.get(condition.conditionRef) as
          | { spec: AlertConditionSpec }
          | undefined;
        if (!found) {
          issues.add(
            where,
            `${conditionField}.conditionRef`,
            `names AlertCondition ${condition.conditionRef}, which is not in this file`,
          );
          return;
        }
        const resolved = resolveCondition(
          where,
          `AlertCondition ${condition.conditionRef}: spec`,
          condition.conditionRef,
          found.spec,
          issues,
        );
        if (resolved) conditions.push(resolved);
      } else {
        const resolved = resolveCondition(
          where,
          `${conditionField}.spec`,
          condition.metadata.name,
          condition.spec,
          issues,
        );
        if (resolved) conditions.push(resolved);
      }
    });
    result.push({
      name,
      alertWhenBreaching: spec.alertWhenBreaching ?? true,
      conditions,
    });
  });
  return result;
}
