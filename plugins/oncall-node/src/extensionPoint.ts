import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { OnCallProvider } from './OnCallProvider';

/** Lets backend modules add on-call providers. @public */
export interface OnCallProvidersExtensionPoint {
  addProvider(provider: OnCallProvider): void;
}

/**
 * Extension point of the on-call backend for providers:
 * `env.registerInit({ deps: { oncall: oncallProvidersExtensionPoint }, ... })`.
 *
 * @public
 */
export const oncallProvidersExtensionPoint =
  createExtensionPoint<OnCallProvidersExtensionPoint>({
    id: 'oncall.providers',
  });
