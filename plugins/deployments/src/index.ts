/**
 * Deployments frontend plugin: what runs where, canary progress, history and
 * DORA metrics. Legacy frontend system exports; the new frontend system
 * plugin is the default export of `@opsdeck/plugin-deployments/alpha`.
 *
 * @packageDocumentation
 */

export {
  deploymentsPlugin,
  EntityDeploymentsCard,
  EntityDeploymentsContent,
} from './plugin';
export * from './api';
export { isDeploymentsAvailable } from './isDeploymentsAvailable';
