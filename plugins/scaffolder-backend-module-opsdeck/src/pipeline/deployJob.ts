import { CLOUD_LOGIN_SCRIPTS } from './cloudLogin';
import {
  DeploymentReporting,
  deployScript,
  interruptedDeployReportScript,
  RESET_DEPLOY_MARKERS,
} from './deploymentScripts';
import type { PipelineModel } from './parameters';
import { gatedEnvironment } from './pipelineEnvironment';
import { ENSURE_CURL_JQ_SCRIPT, errorBudgetGateScript } from './scripts';

/** The shell scripts of one deploy job in GitLab CI or Jenkins, in order. */
export type DeployJobScripts = {
  /** Before the deploy: marker reset, curl and jq, cloud sign-in, error-budget gate. */
  prepare: string[];
  /** The rollout, with its reports. */
  deploy: string;
  /** For the job's failure hook when deployments are reported. */
  reportInterrupted?: string;
};

/**
 * The scripts a deploy job runs where the CI system has no pinned actions
 * for cloud sign-in (GitLab CI, Jenkins): everything happens in the deploy
 * image's shell, with the OIDC token and the portal token in the environment.
 */
export function deployJobScripts(
  model: PipelineModel,
  environmentName: string,
): DeployJobScripts {
  const portal = model.portal;
  const reporting: DeploymentReporting | undefined = portal?.reportDeployments
    ? {}
    : undefined;
  const prepare: string[] = [];
  if (reporting) {
    prepare.push(RESET_DEPLOY_MARKERS);
  }
  if (portal) {
    prepare.push(ENSURE_CURL_JQ_SCRIPT);
  }
  if (model.cloud) {
    prepare.push(CLOUD_LOGIN_SCRIPTS[model.cloud.provider]);
  }
  if (portal && gatedEnvironment(model) === environmentName) {
    prepare.push(errorBudgetGateScript());
  }
  return {
    prepare,
    deploy: deployScript(reporting),
    ...(reporting
      ? {
          reportInterrupted: `${ENSURE_CURL_JQ_SCRIPT}\n${interruptedDeployReportScript(
            reporting,
          )}`,
        }
      : {}),
  };
}
