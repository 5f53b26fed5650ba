import { createHash } from 'node:crypto';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEPLOYMENT_EVENTS_BATCH_LIMIT,
  DEPLOYMENTS_ID_ANNOTATION,
  DeploymentEvent,
  DeploymentEventIngestResult,
  IncidentLinkInput,
} from '@opsdeck/plugin-deployments-common';
import { InputError, NotFoundError } from '@backstage/errors';
import type { DeploymentEventSink } from '@opsdeck/plugin-deployments-node';
import type { DeploymentsStore } from '../database/DeploymentsStore';
import { GroupCommitEventWriter } from '../database/GroupCommitEventWriter';
import { UnknownEntityError } from '../errors';
import type { DeploymentEventPublisher } from './DeploymentEventPublisher';
import { normalizeEntityRef } from './deploymentsId';

/**
 * What to do with events for entities the catalog does not know: reject the
 * request, or hold (store) the events so they show once the entity is
 * registered.
 *
 * @public
 */
export type UnknownEntityPolicy = 'reject' | 'hold';

const KNOWN_ENTITY_TTL_MS = 60_000;

/**
 * Key grouping the events of one deployment: same entity, environment,
 * version, commit and pipeline run.
 */
export function deploymentKeyOf(
  deploymentsId: string,
  event: DeploymentEvent,
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        deploymentsId,
        event.environment,
        event.version,
        event.commitSha,
        event.runUrl ?? '',
      ]),
    )
    .digest('hex');
}

/**
 * Dependencies of {@link DeploymentIngestionService}.
 *
 * @public
 */
export interface DeploymentIngestionServiceOptions {
  store: DeploymentsStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  unknownEntities: UnknownEntityPolicy;
  /** Announces newly stored events to other plugins. */
  publisher?: DeploymentEventPublisher;
  /**
   * How far in the future an event sent through the API may be dated
   * (`deployments.ingestion.maxClockSkewSeconds`). Default 300.
   */
  maxClockSkewSeconds?: number;
  /** The clock, in epoch milliseconds. */
  now?: () => number;
}

/**
 * Validated deployment events in, durable idempotent rows out.
 *
 * @public
 */
export class DeploymentIngestionService implements DeploymentEventSink {
  readonly #store: DeploymentsStore;
  readonly #writer: GroupCommitEventWriter;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #unknownEntities: UnknownEntityPolicy;
  readonly #publisher?: DeploymentEventPublisher;
  readonly #knownUntil = new Map<string, number>();
  readonly #maxSkewMs: number;
  readonly #now: () => number;

  static create(
    options: DeploymentIngestionServiceOptions,
  ): DeploymentIngestionService {
    return new DeploymentIngestionService(options);
  }

  private constructor(options: DeploymentIngestionServiceOptions) {
    this.#store = options.store;
    this.#writer = new GroupCommitEventWriter({
      store: options.store,
      maxEventsPerCommit: DEPLOYMENT_EVENTS_BATCH_LIMIT,
    });
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#unknownEntities = options.unknownEntities;
    this.#publisher = options.publisher;
    this.#maxSkewMs = (options.maxClockSkewSeconds ?? 300) * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Refuses events dated further in the future than the allowed skew. */
  #checkNotInFuture(events: DeploymentEvent[]): void {
    const latest = this.#now() + this.#maxSkewMs;
    for (const event of events) {
      for (const field of ['timestamp', 'commitTime'] as const) {
        const value = event[field];
        if (value !== undefined && Date.parse(value) > latest) {
          throw new InputError(
            `Event ${JSON.stringify(
              event.eventId,
            )}: ${field} ${value} is more than ${
              this.#maxSkewMs / 1000
            } seconds in the future (deployments.ingestion.maxClockSkewSeconds)`,
          );
        }
      }
    }
  }

  /**
   * Stores events (all or none); each comes back with whether it was a
   * duplicate of an event already stored. Events sent through the API
   * (`source` `api`) must not reuse an event id of another entity or of an
   * event with other values: that fails the call with a
   * `DeploymentEventConflictError` (409). Other sources (providers, the demo
   * seed) observe the same state again and again with a new observation
   * time, so for them the first stored event wins and the conflict is only
   * logged when the id belongs to another entity.
   */
  async ingestEvents(
    events: DeploymentEvent[],
    source: string = 'api',
  ): Promise<DeploymentEventIngestResult[]> {
    if (source === 'api') {
      this.#checkNotInFuture(events);
    }
    const ids = events.map(event => normalizeEntityRef(event.entityRef));
    await this.#checkEntitiesKnown([...new Set(ids)]);
    const stored = await this.#writer.write(
      events.map((event, index) => ({
        ...event,
        entityRef: ids[index],
        deploymentKey: deploymentKeyOf(ids[index], event),
        source,
      })),
      { conflicts: source === 'api' ? 'reject' : 'keep-first' },
    );
    const otherEntity = stored.filter(r => r.conflict?.otherEntity);
    if (otherEntity.length > 0) {
      this.#logger.warn(
        'Deployment events not stored: their ids belong to events of another entity',
        { source, eventIds: otherEntity.map(r => r.eventId).join(', ') },
      );
    }
    const results: DeploymentEventIngestResult[] = stored.map(r => ({
      eventId: r.eventId,
      duplicate: r.duplicate,
    }));
    await this.#publisher?.publishStored(events, ids, results);
    this.#logger.debug('Stored deployment events', {
      received: events.length,
      duplicates: results.filter(r => r.duplicate).length,
      source,
    });
    return results;
  }

  /**
   * Links an incident to the latest deployment of a version in an
   * environment, so that it counts as a change failure; once per pair.
   */
  async linkIncident(
    link: IncidentLinkInput,
  ): Promise<{ deploymentKey: string; linked: boolean }> {
    const deploymentsId = normalizeEntityRef(link.entityRef);
    const {
      items: [deployment],
    } = await this.#store.listDeployments({
      deploymentsIds: [deploymentsId],
      environments: [link.environment],
      version: link.version,
      limit: 1,
    });
    if (!deployment) {
      throw new NotFoundError(
        `No deployment of version ${JSON.stringify(
          link.version,
        )} of ${JSON.stringify(deploymentsId)} in ${link.environment}`,
      );
    }
    const { linked } = await this.#store.linkIncident({
      deploymentKey: deployment.deploymentKey,
      incidentRef: link.incidentRef,
    });
    return { deploymentKey: deployment.deploymentKey, linked };
  }

  /** {@link DeploymentEventSink} for providers. */
  async ingest(
    events: DeploymentEvent[],
  ): Promise<{ accepted: number; duplicates: number }> {
    const results = await this.ingestEvents(events, 'provider');
    const duplicates = results.filter(r => r.duplicate).length;
    return { accepted: results.length - duplicates, duplicates };
  }

  async #checkEntitiesKnown(deploymentsIds: string[]): Promise<void> {
    if (this.#unknownEntities === 'hold') return;
    const now = Date.now();
    const unknown: string[] = [];
    for (const id of deploymentsIds) {
      if ((this.#knownUntil.get(id) ?? 0) > now) continue;
      if (await this.#existsInCatalog(id)) {
        this.#knownUntil.set(id, now + KNOWN_ENTITY_TTL_MS);
      } else {
        unknown.push(id);
      }
    }
    if (unknown.length > 0) {
      throw new UnknownEntityError(
        `Unknown entity ${unknown
          .map(id => JSON.stringify(id))
          .join(
            ', ',
          )}: no catalog entity has this ref or the ${DEPLOYMENTS_ID_ANNOTATION} annotation. Register the entity in the catalog, fix the entityRef, or set deployments.ingestion.unknownEntities to "hold". Nothing was stored.`,
      );
    }
  }

  async #existsInCatalog(deploymentsId: string): Promise<boolean> {
    // The caller is a pipeline whose token is restricted to this plugin, so
    // the existence check runs with the plugin's own credentials.
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entity = await this.#catalog.getEntityByRef(deploymentsId, {
      credentials,
    });
    if (entity) return true;
    const annotated = await this.#catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${DEPLOYMENTS_ID_ANNOTATION}`]: deploymentsId,
        },
        fields: ['kind', 'metadata.name'],
        limit: 1,
      },
      { credentials },
    );
    return annotated.items.length > 0;
  }
}
