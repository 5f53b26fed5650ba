/**
 * Types, schemas and constants shared by the Opsdeck deployments plugins and
 * by the pipelines that report deployments to them.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './deploymentEvent';
export * from './permissions';
export * from './deploymentRecord';
export * from './deriveDeployments';
export * from './dora';
export * from './events';
