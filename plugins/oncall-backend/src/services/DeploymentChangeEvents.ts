import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventParams } from '@backstage/plugin-events-node';
import {
  DEPLOYMENTS_ID_ANNOTATION,
  DeploymentEventStoredPayload,
  deploymentEventStoredPayloadSchema,
} from '@opsdeck/plugin-deployments-common';
import { OnCallChangeEvent } from '@opsdeck/plugin-oncall-node';
import { OnCallService } from './OnCallService';

/** Deployment statuses that change what runs, and so become change events. */
const CHANGING_STATUSES = new Set(['succeeded', 'rolled_back']);

/** The change event of a finished deployment: what, where, by whom, the run. */
export function changeEventOf(
  deployment: DeploymentEventStoredPayload,
): OnCallChangeEvent {
  const verb = deployment.status === 'rolled_back' ? 'Rolled back' : 'Deployed';
  return {
    summary: `${verb} ${deployment.version} to ${deployment.environment}${
      deployment.actor ? ` by ${deployment.actor}` : ''
    }`,
    timestamp: deployment.timestamp,
    source: deployment.deploymentsId,
    ...(deployment.runUrl
      ? { links: [{ href: deployment.runUrl, text: 'Pipeline run' }] }
      : {}),
    customDetails: {
      environment: deployment.environment,
      version: deployment.version,
      commitSha: deployment.commitSha,
      status: deployment.status,
      strategy: deployment.strategy,
      deploymentEventId: deployment.eventId,
    },
  };
}

/**
 * Turns stored deployment events (from the deployments plugin, through the
 * events service) into change events of the entity's provider, for providers
 * that keep change events. Malformed payloads and failures are logged: a
 * deployment is never held up by on-call ({@link handleInBackground}).
 */
export class DeploymentChangeEvents {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly onCall: OnCallService,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Handles the event without the publisher waiting for it, so a pipeline
   * reporting a deployment never waits on a slow or failing provider.
   */
  handleInBackground(params: EventParams): void {
    this.handle(params).catch(error =>
      this.logger.warn('Could not handle a deployment event', {
        topic: params.topic,
        error: (error as Error).message,
      }),
    );
  }

  async handle(params: EventParams): Promise<void> {
    const parsed = deploymentEventStoredPayloadSchema.safeParse(
      params.eventPayload,
    );
    if (!parsed.success) {
      this.logger.warn('Ignored a malformed deployment event', {
        topic: params.topic,
        error: parsed.error.issues
          .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; '),
      });
      return;
    }
    const deployment = parsed.data;
    if (!CHANGING_STATUSES.has(deployment.status)) return;
    const entity = await this.findEntity(deployment.deploymentsId);
    if (!entity) {
      this.logger.debug('No catalog entity for a deployment', {
        deploymentsId: deployment.deploymentsId,
      });
      return;
    }
    const provider = this.onCall.providerFor(entity);
    if (!provider?.sendChangeEvent) return;
    const entityRef = stringifyEntityRef(entity);
    try {
      await provider.sendChangeEvent(entity, changeEventOf(deployment), {
        credentials: await this.auth.getOwnServiceCredentials(),
      });
      this.logger.info('Sent a change event for a deployment', {
        entityRef,
        provider: provider.id,
        eventId: deployment.eventId,
      });
    } catch (error) {
      this.logger.warn('Could not send a change event for a deployment', {
        entityRef,
        provider: provider.id,
        eventId: deployment.eventId,
        error: (error as Error).message,
      });
    }
  }

  /** The entity with this ref, else the one annotated with this deployments id. */
  private async findEntity(deploymentsId: string): Promise<Entity | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const byRef = await this.catalog
      .getEntityByRef(deploymentsId, { credentials })
      .catch(() => undefined);
    if (byRef) return byRef;
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${DEPLOYMENTS_ID_ANNOTATION}`]: deploymentsId,
        },
        limit: 1,
      },
      { credentials },
    );
    return items[0];
  }
}
