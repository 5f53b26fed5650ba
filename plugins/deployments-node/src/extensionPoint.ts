import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeploymentsProvider } from './provider';

/**
 * Lets backend modules add deployment providers to the deployments plugin.
 *
 * @public
 */
export interface DeploymentsProvidersExtensionPoint {
  addProvider(provider: DeploymentsProvider): void;
}

/**
 * Extension point for deployment providers (`deployments.providers`).
 *
 * @public
 */
export const deploymentsProvidersExtensionPoint =
  createExtensionPoint<DeploymentsProvidersExtensionPoint>({
    id: 'deployments.providers',
  });
