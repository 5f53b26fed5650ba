import type { DeploymentRecord } from '@opsdeck/plugin-deployments-common';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Deployments per week ending at `to`, oldest week first, split by outcome.
 */
export function weeklyCounts(
  records: readonly DeploymentRecord[],
  to: Date,
  weeks: number,
): Array<{ weekStart: string; succeeded: number; failed: number }> {
  const buckets = Array.from({ length: weeks }, (_, i) => ({
    weekStart: new Date(to.getTime() - (weeks - i) * WEEK_MS).toISOString(),
    succeeded: 0,
    failed: 0,
  }));
  for (const record of records) {
    const index =
      weeks -
      1 -
      Math.floor((to.getTime() - Date.parse(record.startedAt)) / WEEK_MS);
    if (index < 0 || index >= weeks) continue;
    if (record.status === 'succeeded') buckets[index].succeeded += 1;
    if (record.status === 'failed' || record.status === 'rolled_back') {
      buckets[index].failed += 1;
    }
  }
  return buckets;
}
