import type { StoredDeploymentEvent } from '@opsdeck/plugin-deployments-common';

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
 * Storage of deployment events.
 *
 * @public
 */
export interface DeploymentsStore {
  /**
   * Stores events in one transaction; an event whose id is already stored
   * is not written again and comes back with `duplicate: true`.
   */
  insertEvents(
    events: NewDeploymentEvent[],
  ): Promise<Array<{ eventId: string; duplicate: boolean }>>;
  /** Events matching the query, oldest first. */
  listEvents(query: DeploymentEventQuery): Promise<StoredDeploymentEvent[]>;
  /** Environments an id has events in. */
  listEnvironments(deploymentsId: string): Promise<string[]>;
  /** The latest events of one id in one environment, newest first. */
  latestEvents(options: {
    deploymentsId: string;
    environment: string;
    limit: number;
  }): Promise<StoredDeploymentEvent[]>;
  /** Every event of the given deployments. */
  eventsOfDeployments(
    deploymentKeys: string[],
  ): Promise<StoredDeploymentEvent[]>;
}
