import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  IncidentDetail,
  IncidentStatus,
  triggerIncidentRequestSchema,
} from '@opsdeck/plugin-oncall-common';
import { z } from 'zod';
import { IncidentStore } from '../database/IncidentStore';
import { loadEntity } from './entities';
import { IncidentNotifier } from './IncidentNotifier';
import { OnCallService } from './OnCallService';

type TriggerRequest = z.output<typeof triggerIncidentRequestSchema>;

/**
 * Incidents: triggered through a provider that knows the entity, else in the
 * built-in store with the first escalation level notified.
 */
export class IncidentService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly store: IncidentStore,
    private readonly onCall: OnCallService,
    private readonly notifier: IncidentNotifier,
    private readonly logger: LoggerService,
    private readonly now: () => Date,
  ) {}

  static create(options: {
    catalog: CatalogService;
    store: IncidentStore;
    onCall: OnCallService;
    notifier: IncidentNotifier;
    logger: LoggerService;
    now?: () => Date;
  }): IncidentService {
    return new IncidentService(
      options.catalog,
      options.store,
      options.onCall,
      options.notifier,
      options.logger,
      options.now ?? (() => new Date()),
    );
  }

  async trigger(
    request: TriggerRequest,
    createdBy: string,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const entity = await loadEntity(
      this.catalog,
      request.entityRef,
      credentials,
    );
    const entityRef = stringifyEntityRef(entity);
    const provider = this.onCall.providerFor(entity);
    if (provider) {
      const incident = await provider.triggerIncident(
        entity,
        { ...request, entityRef, createdBy },
        { credentials },
      );
      this.logger.info('Triggered incident', {
        entityRef,
        provider: provider.id,
        id: incident.id,
      });
      return incident;
    }
    const at = this.now();
    let onCall: string[] = [];
    let onCallError: string | undefined;
    try {
      onCall = await this.onCall.firstLevelNow(entity, at, credentials);
    } catch (e) {
      onCallError = (e as Error).message;
      this.logger.warn('Could not determine who is on call', {
        entityRef,
        error: onCallError,
      });
    }
    const incident = await this.store.createIncident({
      entityRef,
      title: request.title,
      description: request.description,
      severity: request.severity,
      urgency: request.urgency,
      deploymentId: request.deploymentId,
      assigneeRef: onCall[0],
      createdBy,
      createdAt: at,
    });
    this.logger.info('Triggered incident', {
      entityRef,
      id: incident.id,
      createdBy,
    });
    if (onCallError) {
      await this.store.addNote({
        id: incident.id,
        author: 'oncall',
        at: this.now(),
        text: `Could not determine who is on call, so no one was notified: ${onCallError}`,
      });
    } else {
      await this.notify(incident, onCall);
    }
    return (await this.store.getIncident(incident.id))!;
  }

  private async notify(incident: Incident, userRefs: string[]) {
    if (userRefs.length === 0) {
      await this.store.addNote({
        id: incident.id,
        author: 'oncall',
        at: this.now(),
        text: 'Nobody is on call for this entity: no one was notified.',
      });
      return;
    }
    try {
      await this.notifier.notifyTriggered(incident, userRefs);
      await this.store.addNote({
        id: incident.id,
        author: 'oncall',
        at: this.now(),
        text: `Notified ${userRefs.join(', ')}.`,
      });
    } catch (e) {
      this.logger.warn('Could not notify the on-call user', {
        id: incident.id,
        error: (e as Error).message,
      });
      await this.store.addNote({
        id: incident.id,
        author: 'oncall',
        at: this.now(),
        text: `Could not notify ${userRefs.join(', ')}: ${
          (e as Error).message
        }`,
      });
    }
  }

  async list(options: {
    entityRef?: string;
    status?: IncidentStatus[];
    limit: number;
    credentials: BackstageCredentials;
  }): Promise<Incident[]> {
    if (!options.entityRef) {
      return this.store.listIncidents({
        statuses: options.status,
        limit: options.limit,
      });
    }
    const entity = await loadEntity(
      this.catalog,
      options.entityRef,
      options.credentials,
    );
    const provider = this.onCall.providerFor(entity);
    const own = await this.store.listIncidents({
      entityRefs: [stringifyEntityRef(entity)],
      statuses: options.status,
      limit: options.limit,
    });
    if (!provider) return own;
    const external = await provider.listOpenIncidents(entity, {
      credentials: options.credentials,
    });
    return [...external, ...own].slice(0, options.limit);
  }

  async get(id: string): Promise<IncidentDetail> {
    const incident = await this.store.getIncident(id);
    if (!incident) throw new NotFoundError(`Incident ${id} not found`);
    return incident;
  }

  async changeStatus(
    id: string,
    status: 'acknowledged' | 'resolved',
    author: string,
    text?: string,
  ): Promise<IncidentDetail> {
    const incident = await this.store.changeStatus({
      id,
      status,
      author,
      at: this.now(),
      text,
    });
    if (!incident) throw new NotFoundError(`Incident ${id} not found`);
    this.logger.info(`Incident ${status}`, { id, author });
    return incident;
  }

  async addNote(
    id: string,
    author: string,
    text: string,
  ): Promise<IncidentDetail> {
    const incident = await this.store.addNote({
      id,
      author,
      at: this.now(),
      text,
    });
    if (!incident) throw new NotFoundError(`Incident ${id} not found`);
    return incident;
  }
}
