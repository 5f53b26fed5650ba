import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import allowAllPolicyModule from '@backstage/plugin-permission-backend-module-allow-all-policy';
import { opsdeckPermissionPolicyModule } from './modules/permissionPolicy';

/** Whether the demo-only pieces are wanted: `opsdeck.demo.enabled: true`. */
export function isDemo(config: Config): boolean {
  return config.getOptionalBoolean('opsdeck.demo.enabled') ?? false;
}

/**
 * Sign-in and permission policy. The demo (`opsdeck.demo.enabled: true`, set
 * only by app-config.yaml) signs everyone in as the guest user and allows
 * every permission; any other start gets the providers configured under
 * `auth.providers` (GitHub) and Opsdeck's permission policy.
 */
export const accessFeatures = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (isDemo(config)) {
      yield guestProviderModule;
      yield allowAllPolicyModule;
    } else {
      yield opsdeckPermissionPolicyModule;
    }
  },
});
