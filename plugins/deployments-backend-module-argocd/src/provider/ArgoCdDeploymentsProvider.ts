import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  DEPLOYMENTS_ID_ANNOTATION,
  DeploymentEvent,
} from '@opsdeck/plugin-deployments-common';
import type {
  DeploymentEventSink,
  DeploymentRollbackRequest,
  DeploymentRollbackResult,
  DeploymentsProvider,
} from '@opsdeck/plugin-deployments-node';
import { ArgoCdApplication, ArgoCdClient } from '../client/ArgoCdClient';
import { rolloutEvent } from './rolloutEvent';

const INSTANCE_ANNOTATION = 'argocd/instance-name';
const HEX = /^[0-9a-f]{7,64}$/;

/**
 * Deployments from Argo CD applications named by `argocd/app-name`: history
 * into the store, rollback to the previous history entry.
 */
export class ArgoCdDeploymentsProvider implements DeploymentsProvider {
  readonly id = 'argocd';
  #sink?: DeploymentEventSink;

  static create(clients: ArgoCdClient[]): ArgoCdDeploymentsProvider {
    return new ArgoCdDeploymentsProvider(clients);
  }

  private constructor(private readonly clients: ArgoCdClient[]) {}

  handles(entity: Entity): boolean {
    return Boolean(entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION]);
  }

  async connect(sink: DeploymentEventSink): Promise<void> {
    this.#sink = sink;
  }

  async rollback(
    request: DeploymentRollbackRequest,
  ): Promise<DeploymentRollbackResult> {
    const { client, appName } = this.#target(request.entity);
    const app = await client.getApplication(appName);
    const history = [...(app.status?.history ?? [])].sort(
      (a, b) => a.id - b.id,
    );
    const previous = history[history.length - 2];
    if (!previous) {
      throw new ConflictError(
        `Argo CD application ${appName} has no earlier revision to roll back to`,
      );
    }
    await client.rollback(appName, previous.id);
    return {
      message: `Argo CD ${
        client.instance.name
      } rolled ${appName} back to history ${previous.id} (${
        previous.revision ?? 'unknown revision'
      })`,
    };
  }

  /** Reads one entity's application history into the store. */
  async syncEntity(entity: Entity): Promise<number> {
    if (!this.#sink) return 0;
    const { client, appName } = this.#target(entity);
    const app = await client.getApplication(appName);
    const events = this.#eventsOf(entity, client, appName, app);
    const revision = app.status?.sync?.revision;
    const rollout = await client.getRollout(appName);
    if (rollout && revision && HEX.test(revision)) {
      const event = rolloutEvent(rollout, {
        eventIdPrefix: `argocd:${client.instance.name}:${appName}:rollout`,
        entityRef: this.#deploymentsId(entity),
        environment: client.instance.environment,
        revision,
        actor: `argocd:${client.instance.name}`,
        observedAt: new Date(),
      });
      if (event) events.push(event);
    }
    if (events.length === 0) return 0;
    const { accepted } = await this.#sink.ingest(events);
    return accepted;
  }

  #eventsOf(
    entity: Entity,
    client: ArgoCdClient,
    appName: string,
    app: ArgoCdApplication,
  ): DeploymentEvent[] {
    const entityRef = this.#deploymentsId(entity);
    return (app.status?.history ?? [])
      .filter(entry => entry.revision && HEX.test(entry.revision))
      .map(entry => ({
        eventId: `argocd:${client.instance.name}:${appName}:${entry.id}`,
        entityRef,
        environment: client.instance.environment,
        version: entry.revision!.slice(0, 12),
        commitSha: entry.revision!,
        status: 'succeeded' as const,
        strategy: 'rolling' as const,
        actor: `argocd:${client.instance.name}`,
        timestamp: new Date(entry.deployedAt).toISOString(),
      }));
  }

  #deploymentsId(entity: Entity): string {
    return (
      entity.metadata.annotations?.[DEPLOYMENTS_ID_ANNOTATION] ??
      stringifyEntityRef(entity)
    );
  }

  #target(entity: Entity): { client: ArgoCdClient; appName: string } {
    const appName = entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION];
    if (!appName) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} has no ${ARGOCD_APP_NAME_ANNOTATION} annotation`,
      );
    }
    const instanceName = entity.metadata.annotations?.[INSTANCE_ANNOTATION];
    const client = instanceName
      ? this.clients.find(c => c.instance.name === instanceName)
      : this.clients[0];
    if (!client) {
      throw new InputError(
        `No Argo CD instance named ${JSON.stringify(
          instanceName,
        )} in deployments.argocd.instances`,
      );
    }
    return { client, appName };
  }
}
