import type { DeploymentEventConflict } from '../errors';
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
 * What to do when an event id is already stored (or sent twice in one call)
 * with other values or for another entity: `reject` fails the whole call with
 * a `DeploymentEventConflictError` and stores nothing; `keep-first` keeps
 * the stored event and reports the new one as a duplicate, with the
 * conflict.
 *
 * @public
 */
export type DeploymentEventConflictPolicy = 'reject' | 'keep-first';

/**
 * Outcome of storing one event.
 *
 * @public
 */
export interface InsertEventResult {
  eventId: string;
  /** Nothing was written: an event with this id was already stored. */
  duplicate: boolean;
  /** Set when the stored event differs (only with `keep-first`). */
  conflict?: DeploymentEventConflict;
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
   * time order, whatever the arrival order). Event ids are unique across
   * entities. An event whose id is already stored with the same entity and
   * values is not written again and comes back with `duplicate: true`; one
   * that differs is a conflict, handled by `options.conflicts` (default
   * `reject`).
   */
  insertEvents(
    events: NewDeploymentEvent[],
    options?: { conflicts?: DeploymentEventConflictPolicy },
  ): Promise<InsertEventResult[]>;
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
