import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { createCatalogAnnotateAction } from './actions/catalogAnnotate';
import { createCiGithubActionsAction } from './actions/ciGithubActions';
import { createCiGitlabAction } from './actions/ciGitlab';
import { createCiJenkinsAction } from './actions/ciJenkins';
import { createDockerfileAction } from './actions/dockerfile';
import { createKubernetesManifestsAction } from './actions/kubernetesManifests';
import { createSloRulesAction } from './actions/sloRules';
import { createTerraformEnvironmentAction } from './actions/terraformEnvironment';
import { createVaultPolicyAction } from './actions/vaultPolicy';
import { opsdeckTemplateFilterList } from './templating/markdownText';

/**
 * Registers Opsdeck's scaffolder actions: pipelines (`opsdeck:ci:*`),
 * infrastructure (`opsdeck:terraform:environment`,
 * `opsdeck:kubernetes:manifests`, `opsdeck:docker:dockerfile`,
 * `opsdeck:vault:policy`), SLO rules (`opsdeck:slo:rules`) and catalog
 * annotations (`opsdeck:catalog:annotate`), and the template filters
 * `opsdeckMarkdownText` and `opsdeckMarkdownLines` that put form values into
 * markdown as inert text.
 *
 * @public
 */
export const scaffolderModuleOpsdeck = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'opsdeck',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        templating: scaffolderTemplatingExtensionPoint,
      },
      async init({ scaffolderActions, templating }) {
        templating.addTemplateFilters(opsdeckTemplateFilterList);
        scaffolderActions.addActions(
          createCiGithubActionsAction(),
          createCiGitlabAction(),
          createCiJenkinsAction(),
          createTerraformEnvironmentAction(),
          createKubernetesManifestsAction(),
          createDockerfileAction(),
          createVaultPolicyAction(),
          createSloRulesAction(),
          createCatalogAnnotateAction(),
        );
      },
    });
  },
});
