import type { DeploymentStatus, DeploymentStrategy } from './deploymentEvent';
import type { DoraMetrics } from './dora';

/**
 * Fields every event of a deployment, and the deployment itself, carry.
 *
 * @public
 */
export interface DeploymentFields {
  /** Groups the events of one deployment (same entity, environment, version, commit and run). */
  deploymentKey: string;
  /** The deployments id (the entity ref unless annotated otherwise). */
  entityRef: string;
  environment: string;
  version: string;
  commitSha: string;
  commitTime?: string;
  status: DeploymentStatus;
  strategy: DeploymentStrategy;
  /** Canary or blue-green step. */
  step?: number;
  /** Traffic weight on the new version, 0-100. */
  trafficWeight?: number;
  actor?: string;
  runUrl?: string;
}

/**
 * A stored deployment event, as the backend keeps it.
 *
 * @public
 */
export interface StoredDeploymentEvent extends DeploymentFields {
  eventId: string;
  /** When the event happened, ISO 8601. */
  timestamp: string;
}

/**
 * One deployment: the state derived from all of its events, ordered by the
 * time they happened (not the time they arrived). `status` is the latest
 * event's; `step`, `trafficWeight` those of the latest event carrying them.
 *
 * @public
 */
export interface DeploymentRecord extends DeploymentFields {
  /** Time of the earliest event. */
  startedAt: string;
  /** Time of the first `succeeded` event: when the version reached the environment. */
  succeededAt?: string;
  /** Time of the first `failed` or `rolled_back` event. */
  failedAt?: string;
  /** Time of the latest event. */
  updatedAt: string;
  /** Incidents linked to this deployment (it then counts as a change failure). */
  incidents?: number;
}

/**
 * What runs in one environment.
 *
 * @public
 */
export interface EnvironmentDeployments {
  environment: string;
  /** The latest deployment that succeeded and was not rolled back: the running version. */
  current?: DeploymentRecord;
  /** The most recent deployment, whatever its status. */
  latest: DeploymentRecord;
  /** A deployment still in progress (latest event `started`), with its canary step and weight. */
  inFlight?: DeploymentRecord;
  /** Whether an installed provider can roll this environment back. */
  rollbackSupported: boolean;
}

/**
 * Response of `GET /summary?entityRef=`.
 *
 * @public
 */
export interface DeploymentsSummaryResponse {
  entityRef: string;
  /** Id the entity's deployments are recorded under. */
  deploymentsId: string;
  environments: EnvironmentDeployments[];
}

/**
 * Response of `GET /history?entityRef=`.
 *
 * @public
 */
export interface DeploymentHistoryResponse {
  entityRef: string;
  deploymentsId: string;
  from: string;
  to: string;
  totalCount: number;
  offset: number;
  limit: number;
  items: DeploymentRecord[];
}

/**
 * Result of a single-event `POST /events`, and per event of a batch.
 *
 * @public
 */
export interface DeploymentEventIngestResult {
  eventId: string;
  /** True when an event with this id was already stored: nothing was written. */
  duplicate: boolean;
}

/**
 * Response of `POST /events/batch`.
 *
 * @public
 */
export interface DeploymentEventBatchResponse {
  accepted: number;
  duplicates: number;
  results: DeploymentEventIngestResult[];
}

/**
 * Request body of `POST /rollback`.
 *
 * @public
 */
export interface RollbackRequest {
  entityRef: string;
  environment: string;
}

/**
 * Response of `POST /rollback`.
 *
 * @public
 */
export interface RollbackResponse {
  entityRef: string;
  environment: string;
  /** The version that was rolled back. */
  rolledBackVersion: string;
  /** The provider that performed the rollback. */
  provider: string;
  /** Provider's own message, if any. */
  message?: string;
  /** Id of the `rolled_back` event recorded. */
  eventId: string;
}

/**
 * Response of `GET /dora?entityRef=`: DORA metrics of an entity, of the
 * components of a system, or of the components a group owns.
 *
 * @public
 */
export interface DoraResponse {
  entityRef: string;
  /** What the metrics cover. */
  scope: 'entity' | 'system' | 'group';
  /** The deployments ids the metrics were computed from. */
  deploymentsIds: string[];
  metrics: DoraMetrics;
}
