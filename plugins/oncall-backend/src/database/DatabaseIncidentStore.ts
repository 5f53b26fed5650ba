import { ConflictError } from '@backstage/errors';
import {
  Incident,
  IncidentDetail,
  IncidentStatus,
  IncidentTimelineEntry,
} from '@opsdeck/plugin-oncall-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { IncidentFilter, IncidentStore, NewIncident } from './IncidentStore';
import { toIso, toIsoOrUndefined } from './toIso';

const INCIDENTS = 'oncall_incidents';
const TIMELINE = 'oncall_incident_timeline';

type IncidentRow = {
  id: string;
  entity_ref: string;
  title: string;
  description: string | null;
  severity: Incident['severity'];
  urgency: Incident['urgency'];
  status: IncidentStatus;
  assignee_ref: string | null;
  deployment_id: string | null;
  deployment_environment: string | null;
  deployment_version: string | null;
  created_by: string;
  created_at: Date | string | number;
  acknowledged_at: Date | string | number | null;
  resolved_at: Date | string | number | null;
};

type TimelineRow = {
  id: number | string;
  incident_id: string;
  at: Date | string | number;
  author: string;
  type: 'state' | 'note';
  status: IncidentStatus | null;
  text: string | null;
};

const ALLOWED: Record<string, IncidentStatus[]> = {
  acknowledged: ['triggered'],
  resolved: ['triggered', 'acknowledged'],
};

/** Knex implementation of {@link IncidentStore}. */
export class DatabaseIncidentStore implements IncidentStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): DatabaseIncidentStore {
    return new DatabaseIncidentStore(db);
  }

  async createIncident(incident: NewIncident): Promise<IncidentDetail> {
    const id = randomUUID();
    await this.db.transaction(async tx => {
      await tx<IncidentRow>(INCIDENTS).insert({
        id,
        entity_ref: incident.entityRef,
        title: incident.title,
        description: incident.description ?? null,
        severity: incident.severity,
        urgency: incident.urgency,
        status: 'triggered',
        assignee_ref: incident.assigneeRef ?? null,
        deployment_id: incident.deploymentId ?? null,
        deployment_environment: incident.deployment?.environment ?? null,
        deployment_version: incident.deployment?.version ?? null,
        created_by: incident.createdBy,
        created_at: incident.createdAt,
        acknowledged_at: null,
        resolved_at: null,
      });
      await tx(TIMELINE).insert({
        incident_id: id,
        at: incident.createdAt,
        author: incident.createdBy,
        type: 'state',
        status: 'triggered',
        text: null,
      });
    });
    return (await this.getIncident(id))!;
  }

  async listIncidents(filter: IncidentFilter): Promise<Incident[]> {
    let query = this.db<IncidentRow>(INCIDENTS);
    if (filter.entityRefs)
      query = query.whereIn('entity_ref', filter.entityRefs);
    if (filter.statuses) query = query.whereIn('status', filter.statuses);
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit);
    return rows.map(toIncident);
  }

  async listIncidentEntityRefs(filter: {
    statuses?: IncidentStatus[];
  }): Promise<string[]> {
    let query = this.db<IncidentRow>(INCIDENTS).distinct('entity_ref');
    if (filter.statuses) query = query.whereIn('status', filter.statuses);
    const rows: Array<Pick<IncidentRow, 'entity_ref'>> = await query.orderBy(
      'entity_ref',
    );
    return rows.map(row => row.entity_ref);
  }

  async getIncident(id: string): Promise<IncidentDetail | undefined> {
    const row = await this.db<IncidentRow>(INCIDENTS).where({ id }).first();
    if (!row) return undefined;
    const timeline = await this.db<TimelineRow>(TIMELINE)
      .where({ incident_id: id })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return { ...toIncident(row), timeline: timeline.map(toEntry) };
  }

  async changeStatus(options: {
    id: string;
    status: 'acknowledged' | 'resolved';
    author: string;
    at: Date;
    text?: string;
  }): Promise<IncidentDetail | undefined> {
    const found = await this.db.transaction(async tx => {
      let query = tx<IncidentRow>(INCIDENTS).where({ id: options.id });
      if (tx.client.config.client === 'pg') query = query.forUpdate();
      const row = await query.first();
      if (!row) return false;
      if (!ALLOWED[options.status].includes(row.status)) {
        throw new ConflictError(
          `Incident ${options.id} is ${row.status}; it cannot become ${options.status}`,
        );
      }
      await tx<IncidentRow>(INCIDENTS)
        .where({ id: options.id })
        .update(
          options.status === 'acknowledged'
            ? { status: 'acknowledged', acknowledged_at: options.at }
            : { status: 'resolved', resolved_at: options.at },
        );
      await tx(TIMELINE).insert({
        incident_id: options.id,
        at: options.at,
        author: options.author,
        type: 'state',
        status: options.status,
        text: options.text ?? null,
      });
      return true;
    });
    return found ? this.getIncident(options.id) : undefined;
  }

  async addNote(options: {
    id: string;
    author: string;
    at: Date;
    text: string;
  }): Promise<IncidentDetail | undefined> {
    const exists = await this.db<IncidentRow>(INCIDENTS)
      .where({ id: options.id })
      .first('id');
    if (!exists) return undefined;
    await this.db(TIMELINE).insert({
      incident_id: options.id,
      at: options.at,
      author: options.author,
      type: 'note',
      status: null,
      text: options.text,
    });
    return this.getIncident(options.id);
  }
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    source: 'opsdeck',
    entityRef: row.entity_ref,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    severity: row.severity,
    urgency: row.urgency,
    status: row.status,
    ...(row.assignee_ref ? { assigneeRef: row.assignee_ref } : {}),
    ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
    ...(row.deployment_environment && row.deployment_version
      ? {
          deployment: {
            environment: row.deployment_environment,
            version: row.deployment_version,
          },
        }
      : {}),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    ...(row.acknowledged_at
      ? { acknowledgedAt: toIsoOrUndefined(row.acknowledged_at) }
      : {}),
    ...(row.resolved_at
      ? { resolvedAt: toIsoOrUndefined(row.resolved_at) }
      : {}),
  };
}

function toEntry(row: TimelineRow): IncidentTimelineEntry {
  return {
    id: String(row.id),
    incidentId: row.incident_id,
    at: toIso(row.at),
    author: row.author,
    type: row.type,
    ...(row.status ? { status: row.status } : {}),
    ...(row.text ? { text: row.text } : {}),
  };
}
