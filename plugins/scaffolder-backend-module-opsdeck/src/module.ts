import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCiGithubActionsAction } from './actions/ciGithubActions';
import { createCiGitlabAction } from './actions/ciGitlab';
import { createCiJenkinsAction } from './actions/ciJenkins';
import { createDockerfileAction } from './actions/dockerfile';
import { createVaultPolicyAction } from './actions/vaultPolicy';
import { createCatalogAnnotateAction } from './actions/catalogAnnotate';
import { createTerraformEnvironmentAction } from './actions/terraformEnvironment';
import { createKubernetesManifestsAction } from './actions/kubernetesManifests';

/**
 * Registers Opsdeck's template actions (`opsdeck:*`) with the scaffolder.
 *
 * @public
 */
export const scaffolderModuleOpsdeck = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'opsdeck',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(
          createCiGithubActionsAction(),
          createCiGitlabAction(),
          createCiJenkinsAction(),
          createDockerfileAction(),
          createVaultPolicyAction(),
          createCatalogAnnotateAction(),
          createTerraformEnvironmentAction(),
          createKubernetesManifestsAction(),
        );
      },
    });
  },
});
