import type { DeploymentRecord } from './deploymentRecord';

/**
 * DORA performance band.
 *
 * @public
 */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

/**
 * Where the bands come from: shown beside every band, because the clusters
 * change from one report to the next.
 *
 * @public
 */
export const DORA_BANDS_SOURCE =
  'Accelerate State of DevOps 2024 clusters (elite, high, medium, low)';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Typical change failure rate of each 2024 cluster. The report's values are
 * not monotonic (medium 10 % is below high 20 %), so a rate gets the band of
 * the nearest cluster value, and a tie goes to the lower rate.
 *
 * @public
 */
export const CHANGE_FAILURE_RATE_CLUSTERS: ReadonlyArray<{
  band: DoraBand;
  rate: number;
}> = [
  { band: 'elite', rate: 0.05 },
  { band: 'medium', rate: 0.1 },
  { band: 'high', rate: 0.2 },
  { band: 'low', rate: 0.4 },
];

/**
 * Band for a deployment frequency in deployments per day: elite on demand
 * (one a day or more), high once a day to once a week, medium once a week to
 * once a month, low less often. No deployments: no band.
 *
 * @public
 */
export function classifyDeploymentFrequency(
  perDay: number,
): DoraBand | undefined {
  if (!(perDay > 0)) return undefined;
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

/**
 * Band for a change lead time in seconds: under a day elite, under a week
 * high, under a month medium, else low.
 *
 * @public
 */
export function classifyLeadTime(seconds: number): DoraBand {
  if (seconds < DAY) return 'elite';
  if (seconds < 7 * DAY) return 'high';
  if (seconds < 30 * DAY) return 'medium';
  return 'low';
}

/**
 * Band for a change failure rate (0 to 1): the nearest 2024 cluster value.
 *
 * @public
 */
export function classifyChangeFailureRate(rate: number): DoraBand {
  let best = CHANGE_FAILURE_RATE_CLUSTERS[0];
  for (const cluster of CHANGE_FAILURE_RATE_CLUSTERS) {
    const distance = Math.abs(rate - cluster.rate);
    const bestDistance = Math.abs(rate - best.rate);
    if (
      distance < bestDistance ||
      (distance === bestDistance && cluster.rate < best.rate)
    ) {
      best = cluster;
    }
  }
  return best.band;
}

/**
 * Band for a failed deployment recovery time in seconds: under an hour
 * elite, under a day high (the 2024 report gives high and medium both "under
 * a day"; medium here is a day to a week, as in 2023), else low.
 *
 * @public
 */
export function classifyRecoveryTime(seconds: number): DoraBand {
  if (seconds < HOUR) return 'elite';
  if (seconds < DAY) return 'high';
  if (seconds < 7 * DAY) return 'medium';
  return 'low';
}

/**
 * Median of a list of numbers (mean of the two middle values for an even
 * count); undefined for an empty list.
 *
 * @public
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The period and environments DORA metrics are computed over.
 *
 * @public
 */
export interface DoraPeriod {
  /** Start of the period, inclusive (ISO 8601). */
  from: string;
  /** End of the period, exclusive (ISO 8601). */
  to: string;
  /** Environments counted as production. */
  productionEnvironments: readonly string[];
}

/**
 * DORA metrics over one period, with their bands.
 *
 * @public
 */
export interface DoraMetrics {
  from: string;
  to: string;
  periodDays: number;
  productionEnvironments: string[];
  /** Production deployments that finished in the period (succeeded, failed or rolled back). */
  finishedDeployments: number;
  deploymentFrequency: {
    /** Deployments that reached production in the period. */
    deployments: number;
    perDay: number;
    band?: DoraBand;
  };
  leadTimeForChanges: {
    /** Median seconds from commit to production; absent without samples. */
    medianSeconds?: number;
    samples: number;
    band?: DoraBand;
  };
  changeFailureRate: {
    /** Failed or rolled back deployments, and deployments linked to incidents. */
    failures: number;
    /** failures / finishedDeployments; absent without finished deployments. */
    rate?: number;
    band?: DoraBand;
  };
  failedDeploymentRecoveryTime: {
    medianSeconds?: number;
    samples: number;
    /** Failures with no later successful deployment yet. */
    unrecovered: number;
    band?: DoraBand;
  };
  bandsSource: string;
}

function secondsBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
}

function finishedAt(record: DeploymentRecord): string | undefined {
  return record.succeededAt ?? record.failedAt;
}

/**
 * A change failure: a deployment that failed, was rolled back, or caused an
 * incident (an incident linked to it), even though it succeeded.
 *
 * @public
 */
export function isChangeFailure(record: DeploymentRecord): boolean {
  return (
    record.status === 'failed' ||
    record.status === 'rolled_back' ||
    (record.incidents ?? 0) > 0
  );
}

/**
 * Deployments reaching production per day.
 *
 * @public
 */
export function deploymentFrequency(
  deployments: number,
  periodDays: number,
): number {
  return periodDays > 0 ? deployments / periodDays : 0;
}

/**
 * Seconds from commit to production for each deployment that reached
 * production and carries a commit time; zero or negative values (clock
 * skew, automated commits) are ignored.
 *
 * @public
 */
export function leadTimesSeconds(
  records: readonly DeploymentRecord[],
): number[] {
  return records
    .filter(r => r.succeededAt && r.commitTime)
    .map(r => secondsBetween(r.commitTime!, r.succeededAt!))
    .filter(s => s > 0);
}

/**
 * Recovery time of each failed deployment: for a rollback, how long the bad
 * version was live (success to rollback, or start to rollback if it never
 * succeeded); for a failure, or a successful deployment linked to an
 * incident, failure (or success) to the next successful deployment in the
 * same environment. `all` is every record of those environments, including
 * ones after the period, so recoveries after it are found.
 *
 * @public
 */
export function recoveryTimesSeconds(
  failures: readonly DeploymentRecord[],
  all: readonly DeploymentRecord[],
): { samples: number[]; unrecovered: number } {
  const samples: number[] = [];
  let unrecovered = 0;
  for (const failure of failures) {
    if (failure.status === 'rolled_back') {
      samples.push(
        secondsBetween(
          failure.succeededAt ?? failure.startedAt,
          failure.failedAt!,
        ),
      );
      continue;
    }
    // a deployment that succeeded and caused an incident failed when it went live
    const failedAt = Date.parse(failure.failedAt ?? failure.succeededAt!);
    const recoveries = all
      .filter(
        r =>
          r.environment === failure.environment &&
          r.status === 'succeeded' &&
          r.succeededAt &&
          Date.parse(r.succeededAt) > failedAt,
      )
      .map(r => Date.parse(r.succeededAt!));
    if (recoveries.length === 0) {
      unrecovered += 1;
    } else {
      samples.push((Math.min(...recoveries) - failedAt) / 1000);
    }
  }
  return { samples, unrecovered };
}

/**
 * Computes the four DORA metrics from deployment records of one or more
 * entities.
 *
 * @public
 */
export function computeDoraMetrics(
  records: readonly DeploymentRecord[],
  period: DoraPeriod,
): DoraMetrics {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const production = new Set(period.productionEnvironments);
  const inProduction = records.filter(r => production.has(r.environment));
  const finished = inProduction.filter(r => {
    const at = finishedAt(r);
    if (!at) return false;
    const time = Date.parse(at);
    return time >= from && time < to;
  });
  const reachedProduction = finished.filter(r => r.succeededAt);
  const failures = finished.filter(isChangeFailure);
  const periodDays = (to - from) / (24 * 3600 * 1000);

  const perDay = deploymentFrequency(reachedProduction.length, periodDays);
  const leadTimes = leadTimesSeconds(reachedProduction);
  const leadTime = median(leadTimes);
  const rate =
    finished.length > 0 ? failures.length / finished.length : undefined;
  const recovery = recoveryTimesSeconds(failures, inProduction);
  const recoveryMedian = median(recovery.samples);

  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    periodDays,
    productionEnvironments: [...period.productionEnvironments],
    finishedDeployments: finished.length,
    deploymentFrequency: {
      deployments: reachedProduction.length,
      perDay,
      band: classifyDeploymentFrequency(perDay),
    },
    leadTimeForChanges: {
      medianSeconds: leadTime,
      samples: leadTimes.length,
      band: leadTime === undefined ? undefined : classifyLeadTime(leadTime),
    },
    changeFailureRate: {
      failures: failures.length,
      rate,
      band: rate === undefined ? undefined : classifyChangeFailureRate(rate),
    },
    failedDeploymentRecoveryTime: {
      medianSeconds: recoveryMedian,
      samples: recovery.samples.length,
      unrecovered: recovery.unrecovered,
      band:
        recoveryMedian === undefined
          ? undefined
          : classifyRecoveryTime(recoveryMedian),
    },
    bandsSource: DORA_BANDS_SOURCE,
  };
}
