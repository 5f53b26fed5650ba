import type {
  DeploymentFields,
  DeploymentRecord,
  StoredDeploymentEvent,
} from '@opsdeck/plugin-deployments-common';
import type { NewDeploymentEvent } from './DeploymentsStore';

/** Columns an event row and a deployment row share. */
interface FieldColumns {
  deployment_key: string;
  deployments_id: string;
  environment: string;
  version: string;
  commit_sha: string;
  commit_time: string | number | null;
  status: string;
  strategy: string;
  step: number | null;
  traffic_weight: number | null;
  actor: string | null;
  run_url: string | null;
}

/** A row of `deployment_events`. */
export interface EventRow extends FieldColumns {
  event_id: string;
  event_time: string | number;
  received_at: string | number;
  source: string;
}

/** A row of `deployments`. */
export interface DeploymentRow extends FieldColumns {
  started_at: string | number;
  updated_at: string | number;
  succeeded_at: string | number | null;
  failed_at: string | number | null;
  finished_at: string | number | null;
  /** Maintained by incident links only; absent from rows written by the fold. */
  incidents?: number;
}

function toMillis(iso: string): number {
  return Date.parse(iso);
}

function toIso(value: string | number): string {
  return new Date(Number(value)).toISOString();
}

function optionalMillis(iso: string | undefined): number | null {
  return iso ? toMillis(iso) : null;
}

function fieldsToColumns(fields: DeploymentFields): FieldColumns {
  return {
    deployment_key: fields.deploymentKey,
    deployments_id: fields.entityRef,
    environment: fields.environment,
    version: fields.version,
    commit_sha: fields.commitSha,
    commit_time: optionalMillis(fields.commitTime),
    status: fields.status,
    strategy: fields.strategy,
    step: fields.step ?? null,
    traffic_weight: fields.trafficWeight ?? null,
    actor: fields.actor ?? null,
    run_url: fields.runUrl ?? null,
  };
}

function columnsToFields(row: FieldColumns): DeploymentFields {
  const fields: DeploymentFields = {
    deploymentKey: row.deployment_key,
    entityRef: row.deployments_id,
    environment: row.environment,
    version: row.version,
    commitSha: row.commit_sha,
    status: row.status as DeploymentFields['status'],
    strategy: row.strategy as DeploymentFields['strategy'],
  };
  if (row.commit_time !== null) fields.commitTime = toIso(row.commit_time);
  if (row.step !== null) fields.step = Number(row.step);
  if (row.traffic_weight !== null) {
    fields.trafficWeight = Number(row.traffic_weight);
  }
  if (row.actor !== null) fields.actor = row.actor;
  if (row.run_url !== null) fields.runUrl = row.run_url;
  return fields;
}

export function toEventRow(
  event: NewDeploymentEvent,
  receivedAt: number,
): EventRow {
  return {
    ...fieldsToColumns(event),
    event_id: event.eventId,
    event_time: toMillis(event.timestamp),
    received_at: receivedAt,
    source: event.source,
  };
}

export function fromEventRow(row: EventRow): StoredDeploymentEvent {
  return {
    eventId: row.event_id,
    ...columnsToFields(row),
    timestamp: toIso(row.event_time),
  };
}

export function toDeploymentRow(record: DeploymentRecord): DeploymentRow {
  const succeededAt = optionalMillis(record.succeededAt);
  const failedAt = optionalMillis(record.failedAt);
  return {
    ...fieldsToColumns(record),
    started_at: toMillis(record.startedAt),
    updated_at: toMillis(record.updatedAt),
    succeeded_at: succeededAt,
    failed_at: failedAt,
    finished_at: succeededAt ?? failedAt,
  };
}

export function fromDeploymentRow(row: DeploymentRow): DeploymentRecord {
  const record: DeploymentRecord = {
    ...columnsToFields(row),
    startedAt: toIso(row.started_at),
    updatedAt: toIso(row.updated_at),
  };
  if (row.succeeded_at !== null) record.succeededAt = toIso(row.succeeded_at);
  if (row.failed_at !== null) record.failedAt = toIso(row.failed_at);
  if (Number(row.incidents ?? 0) > 0) record.incidents = Number(row.incidents);
  return record;
}
