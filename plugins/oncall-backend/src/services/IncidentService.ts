import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  IncidentDetail,
  IncidentListResponse,
  INCIDENT_ENTITY_KINDS,
  IncidentStatus,
  triggerIncidentRequestSchema,
} from '@opsdeck/plugin-oncall-common';
import { OnCallProvider } from '@opsdeck/plugin-oncall-node';
import { z } from 'zod';
import { IncidentStore } from '../database/IncidentStore';
import { DeploymentIncidentLinker } from './DeploymentIncidentLinker';
import {
  canSee,
  loadEntity,
  visibleEntityRefs,
  visibleOwnedEntityRefs,
} from './entities';
import { parseIncidentId, qualifyIncident } from './incidentIds';
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
    private readonly deploymentLinker?: DeploymentIncidentLinker,
  ) {}

  static create(options: {
    catalog: CatalogService;
    store: IncidentStore;
    onCall: OnCallService;
    notifier: IncidentNotifier;
    logger: LoggerService;
    now?: () => Date;
    /** Links incidents naming a deployment; absent when linking is off. */
    deploymentLinker?: DeploymentIncidentLinker;
  }): IncidentService {
    return new IncidentService(
      options.catalog,
      options.store,
      options.onCall,
      options.notifier,
      options.logger,
      options.now ?? (() => new Date()),
      options.deploymentLinker,
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
    if (
      !INCIDENT_ENTITY_KINDS.some(
        kind =>
          kind.toLocaleLowerCase('en-US') ===
          entity.kind.toLocaleLowerCase('en-US'),
      )
    ) {
      throw new InputError(
        `Incidents can be raised on ${INCIDENT_ENTITY_KINDS.join(
          ', ',
        )} entities; ${entityRef} is a ${entity.kind}`,
      );
    }
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
      deployment: request.deployment,
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
    if (request.deployment && this.deploymentLinker) {
      const text = await this.deploymentLinker.link({
        id: incident.id,
        entityRef,
        deployment: request.deployment,
      });
      await this.store.addNote({
        id: incident.id,
        author: 'oncall',
        at: this.now(),
        text,
      });
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

  /**
   * Incidents of an entity from the built-in store and from its provider,
   * newest first. For a Group, the built-in incidents of the entities it
   * owns directly (`ownerOf`) that the caller can see are included too; the
   * provider is asked for the group only. A provider that fails does not
   * hide the others: its error is returned beside the incidents that could
   * be read.
   */
  async list(options: {
    entityRef?: string;
    status?: IncidentStatus[];
    limit: number;
    credentials: BackstageCredentials;
  }): Promise<IncidentListResponse> {
    if (!options.entityRef) {
      // only the incidents of entities the caller can see, and the limit
      // counts those
      const entityRefs = await visibleEntityRefs(
        this.catalog,
        await this.store.listIncidentEntityRefs({ statuses: options.status }),
        options.credentials,
      );
      const items = entityRefs.length
        ? await this.store.listIncidents({
            entityRefs,
            statuses: options.status,
            limit: options.limit,
          })
        : [];
      return { items, errors: [] };
    }
    const entity = await loadEntity(
      this.catalog,
      options.entityRef,
      options.credentials,
    );
    const entityRef = stringifyEntityRef(entity);
    const provider = this.onCall.providerFor(entity);
    const owned = await visibleOwnedEntityRefs(
      this.catalog,
      entity,
      options.credentials,
    );
    const [own, external] = await Promise.all([
      this.store.listIncidents({
        entityRefs: [entityRef, ...owned],
        statuses: options.status,
        limit: options.limit,
      }),
      provider
        ? this.listFromProvider(provider, entity, options)
        : { items: [], errors: [] },
    ]);
    const items = [...external.items, ...own]
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
      .slice(0, options.limit);
    return { items, errors: external.errors };
  }

  private async listFromProvider(
    provider: OnCallProvider,
    entity: Entity,
    options: { status?: IncidentStatus[]; credentials: BackstageCredentials },
  ): Promise<IncidentListResponse> {
    try {
      const incidents = await provider.listOpenIncidents(entity, {
        credentials: options.credentials,
      });
      const items = incidents
        .filter(
          incident =>
            !options.status || options.status.includes(incident.status),
        )
        .map(incident => qualifyIncident(provider.id, incident));
      return { items, errors: [] };
    } catch (e) {
      const message = (e as Error).message;
      this.logger.warn('Could not list incidents of a provider', {
        entityRef: stringifyEntityRef(entity),
        provider: provider.id,
        error: message,
      });
      return {
        items: [],
        errors: [
          {
            source: provider.id,
            message: `Incidents from ${provider.id} could not be read: ${message}`,
          },
        ],
      };
    }
  }

  /** One incident with its timeline, from the store or its provider. */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    const parsed = parseIncidentId(id);
    if (parsed.source === 'provider') {
      const provider = this.incidentProvider(parsed.providerId, 'getIncident');
      return qualifyIncident(
        provider.id,
        await provider.getIncident!(parsed.id, { credentials }),
      );
    }
    return this.visibleIncident(id, credentials);
  }

  /**
   * A built-in incident whose entity the caller can see; else NotFoundError,
   * the same as for an incident that does not exist, which tells nothing of
   * incidents of hidden entities.
   */
  private async visibleIncident(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    const incident = await this.store.getIncident(id);
    if (
      !incident ||
      !(await canSee(this.catalog, incident.entityRef, credentials))
    ) {
      throw new NotFoundError(`Incident ${id} not found`);
    }
    return incident;
  }

  /** Acknowledges or resolves an incident in the store or its provider. */
  async changeStatus(
    id: string,
    status: 'acknowledged' | 'resolved',
    author: string,
    text: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    const parsed = parseIncidentId(id);
    if (parsed.source === 'provider') {
      const provider = this.incidentProvider(
        parsed.providerId,
        'changeIncidentStatus',
      );
      const incident = await provider.changeIncidentStatus!(
        parsed.id,
        { status, author, text },
        { credentials },
      );
      this.logger.info(`Incident ${status}`, {
        id,
        provider: provider.id,
        author,
      });
      return qualifyIncident(provider.id, incident);
    }
    await this.visibleIncident(id, credentials);
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

  private incidentProvider(
    providerId: string,
    capability: 'getIncident' | 'changeIncidentStatus',
  ): OnCallProvider {
    const provider = this.onCall.provider(providerId);
    if (!provider) {
      throw new NotFoundError(
        `No incident source "${providerId}" is installed`,
      );
    }
    if (!provider[capability]) {
      throw new NotAllowedError(
        `The ${providerId} provider does not support ${
          capability === 'getIncident'
            ? 'reading one incident'
            : 'acknowledging or resolving incidents'
        }`,
      );
    }
    return provider;
  }

  async addNote(
    id: string,
    author: string,
    text: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    const parsed = parseIncidentId(id);
    if (parsed.source === 'provider') {
      throw new NotAllowedError(
        `Notes on ${parsed.providerId} incidents are added in ${parsed.providerId}`,
      );
    }
    await this.visibleIncident(id, credentials);
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
