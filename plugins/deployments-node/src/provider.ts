import type { Entity } from '@backstage/catalog-model';
import type { DeploymentEvent } from '@opsdeck/plugin-deployments-common';

/**
 * What a provider is asked to roll back.
 *
 * @public
 */
export interface DeploymentRollbackRequest {
  entity: Entity;
  environment: string;
  /** The version running now, which is rolled back. */
  currentVersion: string;
  /** The previous version that succeeded in this environment, if known. */
  previousVersion?: string;
}

/**
 * Outcome of a rollback a provider performed.
 *
 * @public
 */
export interface DeploymentRollbackResult {
  /** Provider's own description of what it did. */
  message?: string;
}

/**
 * Sink a provider writes the events it reads from its system into; the same
 * idempotent ingestion the HTTP API uses.
 *
 * @public
 */
export interface DeploymentEventSink {
  ingest(
    events: DeploymentEvent[],
  ): Promise<{ accepted: number; duplicates: number }>;
}

/**
 * A system deployments can be read from and rolled back through (Argo CD,
 * say).
 *
 * @public
 */
export interface DeploymentsProvider {
  /** Unique id, e.g. `argocd`. */
  readonly id: string;
  /** Whether this provider knows the entity (e.g. it carries `argocd/app-name`). */
  handles(entity: Entity): boolean;
  /** Asks the system to roll the environment back; throws `@backstage/errors` errors on failure. */
  rollback?(
    request: DeploymentRollbackRequest,
  ): Promise<DeploymentRollbackResult>;
  /**
   * Called once at start with the sink the provider writes the events it
   * reads into (from a scheduled sync, say).
   */
  connect?(sink: DeploymentEventSink): Promise<void>;
}
