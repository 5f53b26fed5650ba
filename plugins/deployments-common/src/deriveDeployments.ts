import type { DeploymentStatus } from './deploymentEvent';
import type {
  DeploymentRecord,
  EnvironmentDeployments,
  StoredDeploymentEvent,
} from './deploymentRecord';

const STATUS_ORDER: Record<DeploymentStatus, number> = {
  started: 0,
  succeeded: 1,
  failed: 2,
  rolled_back: 3,
};

/**
 * Orders events by the time they happened; events at the same instant are
 * ordered by lifecycle (started, succeeded, failed, rolled back) and then by
 * id, so the result never depends on arrival order.
 *
 * @public
 */
export function compareEvents(
  a: StoredDeploymentEvent,
  b: StoredDeploymentEvent,
): number {
  const byTime = Date.parse(a.timestamp) - Date.parse(b.timestamp);
  if (byTime !== 0) {
    return byTime;
  }
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) {
    return byStatus;
  }
  if (a.eventId === b.eventId) {
    return 0;
  }
  return a.eventId < b.eventId ? -1 : 1;
}

function recordFromEvents(events: StoredDeploymentEvent[]): DeploymentRecord {
  const first = events[0];
  const last = events[events.length - 1];
  const record: DeploymentRecord = {
    deploymentKey: first.deploymentKey,
    entityRef: first.entityRef,
    environment: first.environment,
    version: first.version,
    commitSha: first.commitSha,
    status: last.status,
    strategy: last.strategy,
    startedAt: first.timestamp,
    updatedAt: last.timestamp,
  };
  for (const event of events) {
    if (event.commitTime !== undefined) record.commitTime = event.commitTime;
    if (event.step !== undefined) record.step = event.step;
    if (event.trafficWeight !== undefined) {
      record.trafficWeight = event.trafficWeight;
    }
    if (event.actor !== undefined) record.actor = event.actor;
    if (event.runUrl !== undefined) record.runUrl = event.runUrl;
    if (event.status === 'succeeded' && record.succeededAt === undefined) {
      record.succeededAt = event.timestamp;
    }
    if (
      (event.status === 'failed' || event.status === 'rolled_back') &&
      record.failedAt === undefined
    ) {
      record.failedAt = event.timestamp;
    }
  }
  return record;
}

/**
 * Folds events (in any order) into one record per deployment, newest first
 * (by start time).
 *
 * @public
 */
export function deriveDeployments(
  events: readonly StoredDeploymentEvent[],
): DeploymentRecord[] {
  const byKey = new Map<string, StoredDeploymentEvent[]>();
  for (const event of events) {
    const list = byKey.get(event.deploymentKey);
    if (list) {
      list.push(event);
    } else {
      byKey.set(event.deploymentKey, [event]);
    }
  }
  const records = [...byKey.values()].map(list =>
    recordFromEvents([...list].sort(compareEvents)),
  );
  return records.sort(
    (a, b) =>
      Date.parse(b.startedAt) - Date.parse(a.startedAt) ||
      (a.deploymentKey < b.deploymentKey ? -1 : 1),
  );
}

/**
 * Groups deployment records by environment: the running version, the latest
 * deployment and any rollout still in progress.
 *
 * @public
 */
export function summarizeEnvironments(
  records: readonly DeploymentRecord[],
  rollbackSupported: boolean = false,
): EnvironmentDeployments[] {
  const byEnvironment = new Map<string, DeploymentRecord[]>();
  for (const record of records) {
    const list = byEnvironment.get(record.environment) ?? [];
    list.push(record);
    byEnvironment.set(record.environment, list);
  }
  const summaries: EnvironmentDeployments[] = [];
  for (const [environment, list] of byEnvironment) {
    const newestFirst = [...list].sort(
      (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt),
    );
    const current = newestFirst
      .filter(r => r.status === 'succeeded' && r.succeededAt)
      .sort(
        (a, b) => Date.parse(b.succeededAt!) - Date.parse(a.succeededAt!),
      )[0];
    const latest = newestFirst[0];
    summaries.push({
      environment,
      current,
      latest,
      inFlight: latest.status === 'started' ? latest : undefined,
      rollbackSupported,
    });
  }
  return summaries.sort((a, b) => a.environment.localeCompare(b.environment));
}
