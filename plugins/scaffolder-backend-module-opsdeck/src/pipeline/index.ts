export {
  parsePipelineParameters,
  pipelineParametersSchema,
  LANGUAGES,
  BUILD_TOOLS,
  DEPLOY_STRATEGIES,
} from './parameters';
export type {
  BuildTool,
  CloudAccess,
  DeployEnvironment,
  DeployStrategyName,
  Language,
  PipelineModel,
  PipelineParametersInput,
  PortalWiring,
} from './parameters';
export { generateGithubActionsWorkflow } from './githubActions';
export { generateGitlabCi } from './gitlabCi';
export { generateJenkinsfile } from './jenkinsfile';
export { PINNED_ACTIONS } from './pinnedActions';
export type { PinnedActionName } from './pinnedActions';
export {
  PINNED_IMAGES,
  PINNED_TOOLCHAIN_IMAGES,
  imageReference,
} from './pinnedImages';
export type { PinnedImage } from './pinnedImages';
export {
  checkGitlabImagePinning,
  checkJenkinsImagePinning,
} from './security/imagePinningChecker';
export type { UnpinnedImageFinding } from './security/imagePinningChecker';
export { checkWorkflowSecurity } from './security/workflowSecurityChecker';
export type {
  WorkflowSecurityFinding,
  WorkflowSecurityRule,
} from './security/workflowSecurityChecker';
