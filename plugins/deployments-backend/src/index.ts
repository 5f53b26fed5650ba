/**
 * The Opsdeck deployments backend plugin.
 *
 * @packageDocumentation
 */

export { deploymentsPlugin as default } from './plugin';
export { DatabaseDeploymentsStore } from './database/DatabaseDeploymentsStore';
export type {
  DeploymentsStore,
  DeploymentEventQuery,
  DeploymentQuery,
  NewDeploymentEvent,
} from './database/DeploymentsStore';
export {
  DeploymentEventConflictError,
  RequestTooLargeError,
  UnknownEntityError,
} from './errors';
export type { DeploymentEventConflict } from './errors';
export type { UnknownEntityPolicy } from './services/DeploymentIngestionService';
export type {
  DeploymentEventConflictPolicy,
  InsertEventResult,
} from './database/DeploymentsStore';
