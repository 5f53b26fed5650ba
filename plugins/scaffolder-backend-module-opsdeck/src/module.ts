import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCiGithubActionsAction } from './actions/ciGithubActions';
import { createCiGitlabAction } from './actions/ciGitlab';
import { createCiJenkinsAction } from './actions/ciJenkins';
import { createTerraformEnvironmentAction } from './actions/terraformEnvironment';
import { createSloRulesAction } from './actions/sloRules';
import { createKubernetesManifestsAction } from './actions/kubernetesManifests';

/**
 * Registers Opsdeck's pipeline actions (`opsdeck:ci:*`) with the scaffolder.
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
          createTerraformEnvironmentAction(),
          createSloRulesAction(),
          createKubernetesManifestsAction(),
        );
      },
    });
  },
});
