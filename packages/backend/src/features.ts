import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import allowAllPolicyModule from '@backstage/plugin-permission-backend-module-allow-all-policy';
import githubScaffolderModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabScaffolderModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { demoPublishModule } from './modules/demoPublish';
import { opsdeckPermissionPolicyModule } from './modules/permissionPolicy';

/** Whether the demo-only pieces are wanted: `opsdeck.demo.enabled: true`. */
export function isDemo(config: Config): boolean {
  return config.getOptionalBoolean('opsdeck.demo.enabled') ?? false;
}

/**
 * What differs between the demo and any other start. The demo
 * (`opsdeck.demo.enabled: true`, set only by app-config.yaml) signs everyone
 * in as the guest user, allows every permission and publishes templates to
 * local bare git repositories; any other start gets the providers configured
 * under `auth.providers` (GitHub), Opsdeck's permission policy and the GitHub
 * and GitLab scaffolder modules.
 */
export const demoOrProductionFeatures = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (isDemo(config)) {
      yield guestProviderModule;
      yield allowAllPolicyModule;
      yield demoPublishModule;
    } else {
      yield opsdeckPermissionPolicyModule;
      yield githubScaffolderModule;
      yield gitlabScaffolderModule;
    }
  },
});
