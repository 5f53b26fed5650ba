/**
 * Scaffolder actions that generate hardened CI/CD pipelines from one shared
 * pipeline model: GitHub Actions, GitLab CI and Jenkins.
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
