import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { StoredDeploymentEvent } from '@opsdeck/plugin-deployments-common';
import type { Knex } from 'knex';
import type {
  DeploymentEventQuery,
  DeploymentsStore,
  NewDeploymentEvent,
} from './DeploymentsStore';

const TABLE = 'deployment_events';
const INSERT_CHUNK = 250;
const migrationsDir = resolvePackagePath(
  '@opsdeck/plugin-deployments-backend',
  'migrations',
);

interface EventRow {
  event_id: string;
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
  event_time: string | number;
  received_at: string | number;
  source: string;
}

function toMillis(iso: string): number {
  return Date.parse(iso);
}

function toIso(value: string | number): string {
  return new Date(Number(value)).toISOString();
}

function toRow(event: NewDeploymentEvent, receivedAt: number): EventRow {
  return {
    event_id: event.eventId,
    deployment_key: event.deploymentKey,
    deployments_id: event.entityRef,
    environment: event.environment,
    version: event.version,
    commit_sha: event.commitSha,
    commit_time: event.commitTime ? toMillis(event.commitTime) : null,
    status: event.status,
    strategy: event.strategy,
    step: event.step ?? null,
    traffic_weight: event.trafficWeight ?? null,
    actor: event.actor ?? null,
    run_url: event.runUrl ?? null,
    event_time: toMillis(event.timestamp),
    received_at: receivedAt,
    source: event.source,
  };
}

function fromRow(row: EventRow): StoredDeploymentEvent {
  const event: StoredDeploymentEvent = {
    eventId: row.event_id,
    deploymentKey: row.deployment_key,
    entityRef: row.deployments_id,
    environment: row.environment,
    version: row.version,
    commitSha: row.commit_sha,
    status: row.status as StoredDeploymentEvent['status'],
    strategy: row.strategy as StoredDeploymentEvent['strategy'],
    timestamp: toIso(row.event_time),
  };
  if (row.commit_time !== null) event.commitTime = toIso(row.commit_time);
  if (row.step !== null) event.step = Number(row.step);
  if (row.traffic_weight !== null) {
    event.trafficWeight = Number(row.traffic_weight);
  }
  if (row.actor !== null) event.actor = row.actor;
  if (row.run_url !== null) event.runUrl = row.run_url;
  return event;
}

/**
 * Knex implementation of {@link DeploymentsStore} for PostgreSQL and SQLite.
 *
 * @public
 */
export class DatabaseDeploymentsStore implements DeploymentsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDeploymentsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDeploymentsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async insertEvents(
    events: NewDeploymentEvent[],
  ): Promise<Array<{ eventId: string; duplicate: boolean }>> {
    const receivedAt = Date.now();
    const inserted = new Set<string>();
    const seen = new Set<string>();
    const unique = events.filter(event => {
      if (seen.has(event.eventId)) return false;
      seen.add(event.eventId);
      return true;
    });
    await this.db.transaction(async tx => {
      for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
        const rows = unique
          .slice(i, i + INSERT_CHUNK)
          .map(event => toRow(event, receivedAt));
        const result: Array<{ event_id: string }> = await tx(TABLE)
          .insert(rows)
          .onConflict('event_id')
          .ignore()
          .returning('event_id');
        for (const row of result) inserted.add(row.event_id);
      }
    });
    const reported = new Set<string>();
    return events.map(event => {
      const duplicate =
        !inserted.has(event.eventId) || reported.has(event.eventId);
      reported.add(event.eventId);
      return { eventId: event.eventId, duplicate };
    });
  }

  async listEvents(
    query: DeploymentEventQuery,
  ): Promise<StoredDeploymentEvent[]> {
    if (query.deploymentsIds.length === 0) return [];
    const builder = this.db<EventRow>(TABLE).whereIn(
      'deployments_id',
      query.deploymentsIds,
    );
    if (query.environment) builder.where('environment', query.environment);
    if (query.from) builder.where('event_time', '>=', query.from.getTime());
    if (query.to) builder.where('event_time', '<', query.to.getTime());
    const rows = await builder.orderBy([
      { column: 'event_time', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(fromRow);
  }

  async listEnvironments(deploymentsId: string): Promise<string[]> {
    const rows = await this.db<EventRow>(TABLE)
      .distinct('environment')
      .where('deployments_id', deploymentsId)
      .orderBy('environment');
    return rows.map(row => row.environment);
  }

  async latestEvents(options: {
    deploymentsId: string;
    environment: string;
    limit: number;
  }): Promise<StoredDeploymentEvent[]> {
    const rows = await this.db<EventRow>(TABLE)
      .where('deployments_id', options.deploymentsId)
      .where('environment', options.environment)
      .orderBy([
        { column: 'event_time', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(fromRow);
  }

  async eventsOfDeployments(
    deploymentKeys: string[],
  ): Promise<StoredDeploymentEvent[]> {
    if (deploymentKeys.length === 0) return [];
    const rows: EventRow[] = [];
    for (let i = 0; i < deploymentKeys.length; i += INSERT_CHUNK) {
      rows.push(
        ...(await this.db<EventRow>(TABLE).whereIn(
          'deployment_key',
          deploymentKeys.slice(i, i + INSERT_CHUNK),
        )),
      );
    }
    return rows.map(fromRow);
  }
}
