import { stringify } from 'yaml';
import { cloudTokenAudience } from './cloudLogin';
import { deployJobScripts } from './deployJob';
import { parsePipelineParameters, PipelineModel } from './parameters';
import { pipelineEnvironment } from './pipelineEnvironment';
import {
  deployImage,
  imageReference,
  PINNED_IMAGES,
  toolchainImage,
} from './pinnedImages';
import { pipelineHeader } from './pipelineHeader';
import {
  CONTAINER_BUILD_SCRIPT,
  IMAGE_SCAN_SCRIPT,
  REGISTRY_LOGIN_SCRIPT,
  SAST_SCRIPT,
  SBOM_SCRIPT,
  SECRET_SCAN_SCRIPT,
  toolchainScripts,
} from './scripts';
import { dependencyCache } from './toolchain';

type Job = Record<string, unknown>;

const ON_DEFAULT_BRANCH = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH';

const onGitlabRegistry = (model: PipelineModel) =>
  model.container?.registry === 'registry.gitlab.com';

/** The registry user: GitLab's job credentials for its own registry, else a CI/CD variable. */
const registryUser = (model: PipelineModel) =>
  onGitlabRegistry(model) ? '$CI_REGISTRY_USER' : '$REGISTRY_USERNAME';

const registryPassword = (model: PipelineModel) =>
  onGitlabRegistry(model) ? '$CI_REGISTRY_PASSWORD' : '$REGISTRY_PASSWORD';

function ciJobs(model: PipelineModel): {
  stages: string[];
  jobs: Record<string, Job>;
} {
  const stages: string[] = [];
  const jobs: Record<string, Job> = {};
  const scripts = toolchainScripts(model.buildTool);
  const toolImage = toolchainImage(model.buildTool, model.languageVersion);
  const cache = dependencyCache(model.buildTool);
  const toolJob = (stage: string, script: string): Job => ({
    stage,
    image: toolImage,
    ...(model.caching
      ? {
          variables: { ...cache.projectEnv },
          cache: {
            key: { files: cache.keyFiles, prefix: model.buildTool },
            paths: cache.projectPaths,
          },
        }
      : {}),
    script: [scripts.install, script],
  });

  if (model.lint) {
    stages.push('lint');
    jobs.lint = toolJob('lint', scripts.lint);
  }
  stages.push('test');
  const test = toolJob('test', scripts.test);
  test.variables = {
    ...(test.variables as Record<string, string> | undefined),
    OPSDECK_SHARD_INDEX: model.testShards > 1 ? '$CI_NODE_INDEX' : '1',
    OPSDECK_SHARD_TOTAL: String(model.testShards),
  };
  if (model.testShards > 1) {
    test.parallel = model.testShards;
  }
  jobs.test = test;

  const security: Record<string, Job> = {};
  if (model.security.secretScan) {
    security['secret-scan'] = {
      stage: 'security',
      image: { name: imageReference(PINNED_IMAGES.gitleaks), entrypoint: [''] },
      variables: { GIT_DEPTH: '0' },
      needs: [],
      script: [SECRET_SCAN_SCRIPT],
    };
  }
  if (model.security.sast) {
    security.sast = {
      stage: 'security',
      image: imageReference(PINNED_IMAGES.semgrep),
      needs: [],
      script: [SAST_SCRIPT],
    };
  }

  if (model.container) {
    stages.push('build');
    const registryCredentials = {
      OPSDECK_REGISTRY_USER: registryUser(model),
      OPSDECK_REGISTRY_PASSWORD: registryPassword(model),
    };
    jobs.build = {
      stage: 'build',
      image: imageReference(PINNED_IMAGES.docker),
      services: [imageReference(PINNED_IMAGES.dockerDaemon)],
      variables: { DOCKER_TLS_CERTDIR: '/certs', ...registryCredentials },
      script: [REGISTRY_LOGIN_SCRIPT, CONTAINER_BUILD_SCRIPT],
    };
    if (model.security.imageScan) {
      security['image-scan'] = {
        stage: 'security',
        image: { name: imageReference(PINNED_IMAGES.trivy), entrypoint: [''] },
        needs: ['build'],
        variables: {
          TRIVY_USERNAME: registryCredentials.OPSDECK_REGISTRY_USER,
          TRIVY_PASSWORD: registryCredentials.OPSDECK_REGISTRY_PASSWORD,
        },
        script: [IMAGE_SCAN_SCRIPT],
      };
    }
  }
  if (model.security.sbom) {
    security.sbom = {
      stage: 'security',
      image: { name: imageReference(PINNED_IMAGES.trivy), entrypoint: [''] },
      needs: model.container ? ['build'] : [],
      ...(model.container
        ? {
            variables: {
              TRIVY_USERNAME: registryUser(model),
              TRIVY_PASSWORD: registryPassword(model),
            },
          }
        : {}),
      script: [SBOM_SCRIPT],
      artifacts: { paths: ['sbom.spdx.json'], expire_in: '30 days' },
    };
  }
  if (Object.keys(security).length > 0) {
    stages.push('security');
    Object.assign(jobs, security);
  }
  return { stages, jobs };
}

function deployJobs(model: PipelineModel): {
  stages: string[];
  jobs: Record<string, Job>;
} {
  const stages: string[] = [];
  const jobs: Record<string, Job> = {};
  const portal = model.portal;
  for (const environment of model.environments) {
    const stage = `deploy-${environment.name}`;
    stages.push(stage);
    const idTokens: Record<string, { aud: string }> = {};
    const variables: Record<string, string> = {
      OPSDECK_ENVIRONMENT: environment.name,
    };
    if (model.cloud) {
      idTokens.OPSDECK_CLOUD_ID_TOKEN = {
        aud: cloudTokenAudience(
          model.cloud.provider,
          model.cloud.provider === 'gcp'
            ? model.cloud.workloadIdentityProvider
            : undefined,
        ),
      };
    }
    if (portal?.auth === 'oidc') {
      idTokens.OPSDECK_PORTAL_TOKEN = { aud: portal.audience };
    } else if (portal) {
      variables.OPSDECK_PORTAL_TOKEN = `$${portal.tokenSecretName}`;
    }
    const scripts = deployJobScripts(model, environment.name);
    const job: Job = {
      stage,
      image: deployImage(model.cloud?.provider),
      ...(Object.keys(idTokens).length > 0 ? { id_tokens: idTokens } : {}),
      variables,
      environment: environment.url
        ? { name: environment.name, url: environment.url }
        : { name: environment.name },
      resource_group: `deploy-${environment.name}`,
      interruptible: false,
      rules: [
        environment.approval
          ? { if: ON_DEFAULT_BRANCH, when: 'manual' }
          : { if: ON_DEFAULT_BRANCH },
      ],
      ...(environment.approval ? { allow_failure: false } : {}),
      ...(scripts.prepare.length > 0 ? { before_script: scripts.prepare } : {}),
      script: [scripts.deploy],
      ...(scripts.reportInterrupted
        ? { after_script: [scripts.reportInterrupted] }
        : {}),
    };
    jobs[`deploy-${environment.name}`] = job;
  }
  return { stages, jobs };
}

/**
 * Renders a hardened `.gitlab-ci.yml` from pipeline parameters.
 *
 * @throws InputError when a parameter is invalid.
 * @public
 */
export function generateGitlabCi(parameters: unknown): string {
  const model = parsePipelineParameters(parameters);
  const ci = ciJobs(model);
  const deploy = deployJobs(model);
  const document = {
    workflow: {
      auto_cancel: { on_new_commit: 'interruptible' },
      rules: [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
        {
          if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS',
          when: 'never',
        },
        { if: '$CI_COMMIT_BRANCH' },
      ],
    },
    stages: [...ci.stages, ...deploy.stages],
    variables: {
      ...pipelineEnvironment(model),
      OPSDECK_COMMIT_SHA: '$CI_COMMIT_SHA',
      OPSDECK_VERSION: '$CI_COMMIT_SHA',
      OPSDECK_RUN_ID: '$CI_PIPELINE_ID',
      OPSDECK_RUN_ATTEMPT: '$CI_JOB_ID',
      OPSDECK_RUN_URL: '$CI_PIPELINE_URL',
    },
    default: {
      interruptible: true,
      timeout: `${model.timeoutMinutes} minutes`,
    },
    ...ci.jobs,
    ...deploy.jobs,
  };
  const text = stringify(document, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
  return `${pipelineHeader(model, '#')}\n${text}`;
}
