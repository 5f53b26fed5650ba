import { randomUUID } from 'node:crypto';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RollbackRequest,
  RollbackResponse,
  deploymentsRollbackPermission,
} from '@opsdeck/plugin-deployments-common';
import type { DeploymentIngestionService } from './DeploymentIngestionService';
import type { DeploymentQueryService } from './DeploymentQueryService';
import { deploymentsIdOf } from './deploymentsId';

/**
 * Dependencies of {@link RollbackService}.
 *
 * @public
 */
export interface RollbackServiceOptions {
  permissions: PermissionsService;
  queries: DeploymentQueryService;
  ingestion: DeploymentIngestionService;
  logger: LoggerService;
}

/**
 * Rolls an environment back through the provider that manages it, and
 * records the rollback as a `rolled_back` event.
 *
 * @public
 */
export class RollbackService {
  readonly #permissions: PermissionsService;
  readonly #queries: DeploymentQueryService;
  readonly #ingestion: DeploymentIngestionService;
  readonly #logger: LoggerService;

  static create(options: RollbackServiceOptions): RollbackService {
    return new RollbackService(options);
  }

  private constructor(options: RollbackServiceOptions) {
    this.#permissions = options.permissions;
    this.#queries = options.queries;
    this.#ingestion = options.ingestion;
    this.#logger = options.logger;
  }

  async rollback(
    request: RollbackRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<RollbackResponse> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: deploymentsRollbackPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to roll back: permission ${deploymentsRollbackPermission.name} denied`,
      );
    }
    const entity = await this.#queries.resolveEntity(
      request.entityRef,
      credentials,
    );
    const entityRef = stringifyEntityRef(entity);
    const provider = this.#queries.rollbackProviderFor(entity);
    if (!provider?.rollback) {
      throw new ConflictError(
        `No installed deployment provider can roll back ${entityRef}; roll back by deploying the previous version from its pipeline`,
      );
    }
    const [current, previous] = await this.#queries.lastSucceeded(
      entity,
      request.environment,
    );
    if (!current) {
      throw new ConflictError(
        `Nothing to roll back: no successful deployment of ${entityRef} in ${request.environment}`,
      );
    }
    const outcome = await provider.rollback({
      entity,
      environment: request.environment,
      currentVersion: current.version,
      previousVersion: previous?.version,
    });
    const eventId = `rollback-${randomUUID()}`;
    const actor = credentials.principal.userEntityRef;
    await this.#ingestion.ingestEvents(
      [
        {
          eventId,
          entityRef: deploymentsIdOf(entity),
          environment: current.environment,
          version: current.version,
          commitSha: current.commitSha,
          status: 'rolled_back',
          strategy: current.strategy,
          actor,
          runUrl: current.runUrl,
          timestamp: new Date().toISOString(),
        },
      ],
      provider.id,
    );
    this.#logger.info('Rolled back a deployment', {
      entityRef,
      environment: request.environment,
      version: current.version,
      provider: provider.id,
      actor,
    });
    return {
      entityRef,
      environment: request.environment,
      rolledBackVersion: current.version,
      provider: provider.id,
      message: outcome.message,
      eventId,
    };
  }
}
