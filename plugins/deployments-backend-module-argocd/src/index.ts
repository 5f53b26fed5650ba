/**
 * Argo CD provider module for the Opsdeck deployments backend.
 *
 * @packageDocumentation
 */

export { deploymentsModuleArgocd as default } from './module';
