/**
 * Scaffolder actions that generate a service's hardened CI/CD pipeline
 * (GitHub Actions, GitLab CI, Jenkins), Terraform, Kubernetes manifests,
 * Dockerfile, Vault policy, SLO rules and catalog annotations. Every
 * generator is also exported as a plain function.
 *
 * @packageDocumentation
 */

export { scaffolderModuleOpsdeck as default } from './module';
export { scaffolderModuleOpsdeck } from './module';
export { createCiGithubActionsAction } from './actions/ciGithubActions';
export { createCiGitlabAction } from './actions/ciGitlab';
export { createCiJenkinsAction } from './actions/ciJenkins';
export * from './pipeline';
export { createDockerfileAction } from './actions/dockerfile';
export { createVaultPolicyAction } from './actions/vaultPolicy';
export { createCatalogAnnotateAction } from './actions/catalogAnnotate';
export * from './docker';
export * from './vault';
export * from './catalog';
export { createTerraformEnvironmentAction } from './actions/terraformEnvironment';
export * from './terraform';
export { createKubernetesManifestsAction } from './actions/kubernetesManifests';
export * from './kubernetes';
export { opsdeckTemplateFilters } from './templating/markdownText';
