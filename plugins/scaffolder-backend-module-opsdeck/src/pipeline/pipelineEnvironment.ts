import type { PipelineModel } from './parameters';
import { POETRY_VERSION } from './toolchain';

/**
 * The parameter values a pipeline's scripts read, as OPSDECK_* environment
 * variables. This is the only way user-supplied text reaches a script.
 */
export function pipelineEnvironment(
  model: PipelineModel,
): Record<string, string> {
  const env: Record<string, string> = {
    OPSDECK_ENTITY_REF: model.entityRef,
    OPSDECK_STRATEGY: model.strategy,
    OPSDECK_CANARY_WEIGHTS: model.canaryWeights.join(' '),
    OPSDECK_DEPLOY_SCRIPT: model.deployScript,
  };
  if (model.buildTool === 'poetry') {
    env.OPSDECK_POETRY_VERSION = POETRY_VERSION;
  }
  if (model.container) {
    env.OPSDECK_REGISTRY = model.container.registry;
    env.OPSDECK_IMAGE = model.container.image;
    env.OPSDECK_DOCKERFILE = model.container.dockerfile;
    env.OPSDECK_DOCKER_CONTEXT = model.container.context;
    if (model.container.target) {
      env.OPSDECK_DOCKER_TARGET = model.container.target;
    }
  }
  if (model.portal) {
    env.OPSDECK_PORTAL_URL = model.portal.baseUrl.replace(/\/+$/, '');
    if (model.portal.auth === 'oidc') {
      env.OPSDECK_PORTAL_AUDIENCE = model.portal.audience;
    }
    if (model.portal.minRemainingBudget !== undefined) {
      env.OPSDECK_MIN_REMAINING_BUDGET = String(
        model.portal.minRemainingBudget,
      );
    }
  }
  if (model.cloud?.provider === 'aws') {
    env.OPSDECK_AWS_ROLE_ARN = model.cloud.roleArn;
    env.OPSDECK_AWS_REGION = model.cloud.region;
  } else if (model.cloud?.provider === 'gcp') {
    env.OPSDECK_GCP_WORKLOAD_IDENTITY_PROVIDER =
      model.cloud.workloadIdentityProvider;
    env.OPSDECK_GCP_SERVICE_ACCOUNT = model.cloud.serviceAccount;
  } else if (model.cloud?.provider === 'azure') {
    env.OPSDECK_AZURE_CLIENT_ID = model.cloud.clientId;
    env.OPSDECK_AZURE_TENANT_ID = model.cloud.tenantId;
    env.OPSDECK_AZURE_SUBSCRIPTION_ID = model.cloud.subscriptionId;
  }
  return env;
}

/** The environment the error-budget gate protects: the last one, usually production. */
export function gatedEnvironment(model: PipelineModel): string | undefined {
  if (!model.portal?.errorBudgetGate || model.environments.length === 0) {
    return undefined;
  }
  return model.environments[model.environments.length - 1].name;
}
