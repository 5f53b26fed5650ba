import type {
  DeploymentRecord,
  DeploymentStatus,
  StoredDeploymentEvent,
} from '@opsdeck/plugin-deployments-common';

/**
 * An event to store, with where it came from.
 *
 * @public
 */
export interface NewDeploymentEvent extends StoredDeploymentEvent {
  source: string;
}

/**
 * Which events to read.
 *
 * @public
 */
export interface DeploymentEventQuery {
  deploymentsIds: string[];
  environment?: string;
  /** Inclusive lower bound on event time. */
  from?: Date;
  /** Exclusive upper bound on event time. */
  to?: Date;
}

/**
 * Which deployments to read. Time bounds are inclusive below, exclusive above.
 *
 * @public
 */
export interface DeploymentQuery {
  deploymentsIds: string[];
  environments?: string[];
  version?: string;
  status?: DeploymentStatus;
  /** Deployments whose earliest event is before this time. */
  startedBefore?: Date;
  /** Deployments whose latest event is at or after this time. */
  updatedFrom?: Date;
  /** Deployments that finished (succeeded, else failed) in this range. */
  finished?: { from: Date; to: Date };
  /** `started` (default): newest start first; `finished`: latest finish first. */
  orderBy?: 'started' | 'finished';
  offset?: number;
  limit?: number;
}

/**
 * Storage of deployment events and of the deployments folded from them.
 *
 * @public
 */
export interface DeploymentsStore {
  /**
   * Stores events in one transaction, and in the same transaction brings the
   * deployments they belong to up to date with all of their events (in event
   * time order, whatever the arrival order). An event whose id is already
   * stored is not written again and comes back with `duplicate: true`.
   */
  insertEvents(
    events: NewDeploymentEvent[],
  ): Promise<Array<{ eventId: string; duplicate: boolean }>>;
  /** Events matching the query, oldest first. */
  listEvents(query: DeploymentEventQuery): Promise<StoredDeploymentEvent[]>;
  /** Environments an id has deployments in. */
  listEnvironments(deploymentsId: string): Promise<string[]>;
  /** Deployments matching the query, and how many match without paging. */
  listDeployments(
    query: DeploymentQuery,
  ): Promise<{ items: DeploymentRecord[]; totalCount: number }>;
  /**
   * Links an incident to the deployment that caused it, once per pair; the
   * deployment then counts as a change failure. False when no deployment
   * has this key.
   */
  linkIncident(link: {
    deploymentKey: string;
    incidentRef: string;
  }): Promise<{ found: boolean; linked: boolean }>;
}
