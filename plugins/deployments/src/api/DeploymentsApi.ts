import { createApiRef } from '@backstage/core-plugin-api';
import type {
  DeploymentHistoryResponse,
  DeploymentStatus,
  DeploymentsSummaryResponse,
  DoraResponse,
  RollbackResponse,
} from '@opsdeck/plugin-deployments-common';

/**
 * Filters of the deployment history.
 *
 * @public
 */
export interface DeploymentHistoryFilters {
  environment?: string;
  status?: DeploymentStatus;
  /** ISO 8601 start of the window (default: the backend's DORA period). */
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

/**
 * Reads deployments of catalog entities from the deployments backend.
 *
 * @public
 */
export interface DeploymentsApi {
  /** Per environment: running version, latest deployment, rollout in flight. */
  getSummary(entityRef: string): Promise<DeploymentsSummaryResponse>;
  /** Deployments in a window, newest first, paged. */
  getHistory(
    entityRef: string,
    filters?: DeploymentHistoryFilters,
  ): Promise<DeploymentHistoryResponse>;
  /** DORA metrics of an entity, a system (its components) or a group (what it owns). */
  getDora(
    entityRef: string,
    period?: { from?: string; to?: string },
  ): Promise<DoraResponse>;
  /** Rolls an environment back (needs the `deployments.rollback` permission). */
  rollback(entityRef: string, environment: string): Promise<RollbackResponse>;
}

/**
 * @public
 */
export const deploymentsApiRef = createApiRef<DeploymentsApi>({
  id: 'plugin.deployments.service',
});
