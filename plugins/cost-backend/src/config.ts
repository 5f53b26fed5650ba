import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { z } from 'zod';
import {
  AnomalyOptions,
  CURRENCY_CODE_PATTERN,
  DEFAULT_ANOMALY_OPTIONS,
} from '@opsdeck/plugin-cost-common';

/** @public */
export interface CostImportLocation {
  target: string;
  source: string;
}

/** @public */
export interface CostBudget {
  entityRef: string;
  amount: number;
  currency: string;
  /** Percentages of `amount` that trigger an alert, ascending. */
  thresholdPercents: number[];
}

/** Size limits of billing files (`cost.limits`). @public */
export interface CostLimits {
  /** Bytes an upload to `POST /imports` may send. */
  maxUploadBytes: number;
  /** Bytes a gzip file may expand to. */
  maxDecompressedBytes: number;
  /** How many times its compressed size a gzip file may expand to. */
  maxCompressionRatio: number;
}

/** @public */
export const DEFAULT_COST_LIMITS: CostLimits = {
  maxUploadBytes: 1024 ** 3,
  maxDecompressedBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 100,
};

/** The `cost` configuration, read once at start. @public */
export interface CostConfig {
  limits: CostLimits;
  /**
   * Whether an upload may replace the data of a source that `cost.imports`
   * imports on a schedule (`cost.uploads.replaceConfiguredSources`).
   */
  uploadsReplaceConfiguredSources: boolean;
  imports: CostImportLocation[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  anomalies: AnomalyOptions;
  budgets: Map<string, CostBudget>;
  budgetAlertSchedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_ALERT_PERCENTS = [80, 100];
const ALERT_PERCENTS = z.array(z.number().int().min(1).max(1000)).min(1);

const DEFAULT_BUDGET_ALERT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 10 },
};

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(
      `cost.anomalies.${key} must be a number >= 0, got ${value}`,
    );
  }
  return value;
}

function readPercents(budget: Config, entityRef: string): number[] {
  const value = budget.getOptional('alertAtPercent');
  if (value === undefined) {
    return DEFAULT_ALERT_PERCENTS;
  }
  const parsed = ALERT_PERCENTS.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `cost.budgets for ${entityRef}: alertAtPercent must be a non-empty list of whole numbers from 1 to 1000, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return parsed.data;
}

function readLimit(
  config: Config | undefined,
  key: keyof CostLimits,
  minimum: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) {
    return DEFAULT_COST_LIMITS[key];
  }
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new Error(
      `cost.limits.${key} must be a whole number of at least ${minimum}, got ${value}`,
    );
  }
  return value;
}

/** @public */
export function readCostConfig(root: Config): CostConfig {
  const config = root.getOptionalConfig('cost');
  const imports = (config?.getOptionalConfigArray('imports') ?? []).map(c => {
    const target = c.getString('target');
    return { target, source: c.getOptionalString('source') ?? target };
  });
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const a = config?.getOptionalConfig('anomalies');
  const anomalies: AnomalyOptions = a
    ? {
        ...DEFAULT_ANOMALY_OPTIONS,
        window: positive(a, 'window', DEFAULT_ANOMALY_OPTIONS.window),
        threshold: positive(a, 'threshold', DEFAULT_ANOMALY_OPTIONS.threshold),
        minAbsolute: positive(
          a,
          'minAbsolute',
          DEFAULT_ANOMALY_OPTIONS.minAbsolute,
        ),
        minRelative: positive(
          a,
          'minRelative',
          DEFAULT_ANOMALY_OPTIONS.minRelative,
        ),
      }
    : DEFAULT_ANOMALY_OPTIONS;
  const budgets = new Map<string, CostBudget>();
  for (const b of config?.getOptionalConfigArray('budgets') ?? []) {
    const entityRef = stringifyEntityRef(
      parseEntityRef(b.getString('entityRef')),
    );
    const currency = b.getString('currency');
    const amount = b.getNumber('amount');
    if (!CURRENCY_CODE_PATTERN.test(currency) || !(amount > 0)) {
      throw new Error(
        `cost.budgets for ${entityRef} needs an ISO 4217 currency and a positive amount`,
      );
    }
    const thresholdPercents = [...new Set(readPercents(b, entityRef))].sort(
      (x, y) => x - y,
    );
    budgets.set(entityRef, { entityRef, amount, currency, thresholdPercents });
  }
  const budgetAlertSchedule = config?.has('budgetAlertSchedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('budgetAlertSchedule'),
      )
    : DEFAULT_BUDGET_ALERT_SCHEDULE;
  const l = config?.getOptionalConfig('limits');
  const limits: CostLimits = {
    maxUploadBytes: readLimit(l, 'maxUploadBytes', 1),
    maxDecompressedBytes: readLimit(l, 'maxDecompressedBytes', 1),
    maxCompressionRatio: readLimit(l, 'maxCompressionRatio', 1),
  };
  const uploadsReplaceConfiguredSources =
    config?.getOptionalBoolean('uploads.replaceConfiguredSources') ?? false;
  return {
    imports,
    schedule,
    anomalies,
    budgets,
    budgetAlertSchedule,
    limits,
    uploadsReplaceConfiguredSources,
  };
}
