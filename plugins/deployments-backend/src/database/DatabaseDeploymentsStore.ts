import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DeploymentRecord,
  StoredDeploymentEvent,
  deriveDeployments,
} from '@opsdeck/plugin-deployments-common';
import {
  DeploymentRow,
  EventRow,
  fromDeploymentRow,
  fromEventRow,
  toDeploymentRow,
  toEventRow,
} from './rows';
import type { Knex } from 'knex';
import type {
  DeploymentEventConflictPolicy,
  DeploymentEventQuery,
  DeploymentQuery,
  DeploymentsStore,
  InsertEventResult,
  NewDeploymentEvent,
} from './DeploymentsStore';
import {
  DeploymentEventConflict,
  DeploymentEventConflictError,
} from '../errors';
import { eventConflict } from './eventConflicts';

const TABLE = 'deployment_events';
const DEPLOYMENTS = 'deployments';
const INCIDENTS = 'deployment_incidents';
const INSERT_CHUNK = 250;
const migrationsDir = resolvePackagePath(
  '@opsdeck/plugin-deployments-backend',
  'migrations',
);

function chunks<T>(items: readonly T[], size: number = INSERT_CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
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
    options: { conflicts?: DeploymentEventConflictPolicy } = {},
  ): Promise<InsertEventResult[]> {
    const policy = options.conflicts ?? 'reject';
    const receivedAt = Date.now();
    const inserted = new Set<string>();
    const conflicts = new Map<string, DeploymentEventConflict>();
    const first = new Map<string, NewDeploymentEvent>();
    const conflictOf = (
      stored: StoredDeploymentEvent,
      sent: NewDeploymentEvent,
    ) => eventConflict(stored, fromEventRow(toEventRow(sent, receivedAt)));
    for (const event of events) {
      const earlier = first.get(event.eventId);
      if (!earlier) {
        first.set(event.eventId, event);
        continue;
      }
      const conflict = conflictOf(
        fromEventRow(toEventRow(earlier, receivedAt)),
        event,
      );
      if (conflict && !conflicts.has(event.eventId)) {
        conflicts.set(event.eventId, conflict);
      }
    }
    if (policy === 'reject' && conflicts.size > 0) {
      throw new DeploymentEventConflictError([...conflicts.values()]);
    }
    const unique = [...first.values()];
    await this.db.transaction(async tx => {
      for (const chunk of chunks(unique)) {
        const result: Array<{ event_id: string }> = await tx(TABLE)
          .insert(chunk.map(event => toEventRow(event, receivedAt)))
          .onConflict('event_id')
          .ignore()
          .returning('event_id');
        for (const row of result) inserted.add(row.event_id);
      }
      const resent = unique.filter(event => !inserted.has(event.eventId));
      const storedConflicts: DeploymentEventConflict[] = [];
      for (const chunk of chunks(resent)) {
        const rows = await tx<EventRow>(TABLE).whereIn(
          'event_id',
          chunk.map(event => event.eventId),
        );
        const stored = new Map(rows.map(row => [row.event_id, row]));
        for (const event of chunk) {
          const row = stored.get(event.eventId);
          const conflict = row && conflictOf(fromEventRow(row), event);
          if (conflict) storedConflicts.push(conflict);
        }
      }
      if (policy === 'reject' && storedConflicts.length > 0) {
        throw new DeploymentEventConflictError(storedConflicts);
      }
      for (const conflict of storedConflicts) {
        conflicts.set(conflict.eventId, conflict);
      }
      const touched = unique.filter(event => inserted.has(event.eventId));
      if (touched.length > 0) {
        await this.#refreshDeployments(tx, touched);
      }
    });
    const reported = new Set<string>();
    return events.map(event => {
      const duplicate =
        !inserted.has(event.eventId) || reported.has(event.eventId);
      reported.add(event.eventId);
      const conflict = duplicate ? conflicts.get(event.eventId) : undefined;
      return {
        eventId: event.eventId,
        duplicate,
        ...(conflict ? { conflict } : {}),
      };
    });
  }

  /**
   * Folds all stored events of the deployments the new events belong to.
   * The deployment rows are written first (a placeholder from the new events
   * alone), which locks them until commit: a concurrent ingestion of the
   * same deployment waits, then reads every event committed before it, so
   * the last writer always folds the complete set.
   */
  async #refreshDeployments(
    tx: Knex.Transaction,
    newEvents: NewDeploymentEvent[],
  ): Promise<void> {
    const placeholders = deriveDeployments(newEvents)
      .map(toDeploymentRow)
      .sort((a, b) => (a.deployment_key < b.deployment_key ? -1 : 1));
    for (const chunk of chunks(placeholders)) {
      await tx(DEPLOYMENTS)
        .insert(chunk)
        .onConflict('deployment_key')
        .merge(['deployment_key']);
    }
    const keys = placeholders.map(row => row.deployment_key);
    const rows: EventRow[] = [];
    for (const chunk of chunks(keys)) {
      rows.push(
        ...(await tx<EventRow>(TABLE).whereIn('deployment_key', chunk)),
      );
    }
    const folded = deriveDeployments(rows.map(fromEventRow)).map(
      toDeploymentRow,
    );
    for (const chunk of chunks(folded)) {
      await tx(DEPLOYMENTS).insert(chunk).onConflict('deployment_key').merge();
    }
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
    return rows.map(fromEventRow);
  }

  async listEnvironments(deploymentsId: string): Promise<string[]> {
    const rows = await this.db<DeploymentRow>(DEPLOYMENTS)
      .distinct('environment')
      .where('deployments_id', deploymentsId)
      .orderBy('environment');
    return rows.map(row => row.environment);
  }

  async listDeployments(
    query: DeploymentQuery,
  ): Promise<{ items: DeploymentRecord[]; totalCount: number }> {
    if (query.deploymentsIds.length === 0) return { items: [], totalCount: 0 };
    const filtered = this.db<DeploymentRow>(DEPLOYMENTS).whereIn(
      'deployments_id',
      query.deploymentsIds,
    );
    if (query.environments) {
      filtered.whereIn('environment', query.environments);
    }
    if (query.version) filtered.where('version', query.version);
    if (query.status) filtered.where('status', query.status);
    if (query.startedBefore) {
      filtered.where('started_at', '<', query.startedBefore.getTime());
    }
    if (query.updatedFrom) {
      filtered.where('updated_at', '>=', query.updatedFrom.getTime());
    }
    if (query.finished) {
      filtered
        .where('finished_at', '>=', query.finished.from.getTime())
        .where('finished_at', '<', query.finished.to.getTime());
    }
    if (query.orderBy === 'finished') filtered.whereNotNull('finished_at');
    const column = query.orderBy === 'finished' ? 'finished_at' : 'started_at';
    const page = filtered.clone().orderBy([
      { column, order: 'desc' },
      { column: 'deployment_key', order: 'asc' },
    ]);
    if (query.offset) page.offset(query.offset);
    if (query.limit !== undefined) page.limit(query.limit);
    const items = (await page).map(fromDeploymentRow);
    if (query.limit === undefined && !query.offset) {
      return { items, totalCount: items.length };
    }
    const [{ count }] = await filtered.count({ count: '*' });
    return { items, totalCount: Number(count) };
  }

  async linkIncident(link: {
    deploymentKey: string;
    incidentRef: string;
  }): Promise<{ found: boolean; linked: boolean }> {
    return this.db.transaction(async tx => {
      const deployment = await tx<DeploymentRow>(DEPLOYMENTS)
        .where('deployment_key', link.deploymentKey)
        .first('deployment_key');
      if (!deployment) return { found: false, linked: false };
      const inserted: Array<{ incident_ref: string }> = await tx(INCIDENTS)
        .insert({
          deployment_key: link.deploymentKey,
          incident_ref: link.incidentRef,
          linked_at: Date.now(),
        })
        .onConflict(['deployment_key', 'incident_ref'])
        .ignore()
        .returning('incident_ref');
      if (inserted.length === 0) return { found: true, linked: false };
      await tx(DEPLOYMENTS)
        .where('deployment_key', link.deploymentKey)
        .increment('incidents', 1);
      return { found: true, linked: true };
    });
  }
}
