import { stringify } from 'yaml';
import { parsePipelineParameters, PipelineModel } from './parameters';
import { annotatePinnedVersions, pinnedUses } from './pinnedActions';
import { gatedEnvironment, pipelineEnvironment } from './pipelineEnvironment';
import {
  DeploymentReporting,
  deployScript,
  interruptedDeployReportScript,
} from './deploymentScripts';
import { pipelineHeader } from './pipelineHeader';
import {
  errorBudgetGateScript,
  GITHUB_OIDC_PORTAL_TOKEN_PRELUDE,
  toolchainScripts,
} from './scripts';
import { codeqlLanguage, dependencyCache } from './toolchain';

type Step = Record<string, unknown>;
type Job = Record<string, unknown>;

const RUNNER = 'ubuntu-24.04';

const ON_DEFAULT_BRANCH_PUSH =
  "github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

function checkout(fetchDepth?: number): Step {
  return {
    name: 'Check out',
    uses: pinnedUses('actions/checkout'),
    with: {
      'persist-credentials': false,
      ...(fetchDepth !== undefined ? { 'fetch-depth': fetchDepth } : {}),
    },
  };
}

function setupToolchain(model: PipelineModel): Step[] {
  const steps: Step[] = [];
  switch (model.language) {
    case 'node':
      steps.push({
        name: 'Set up Node.js',
        uses: pinnedUses('actions/setup-node'),
        with: { 'node-version': model.languageVersion },
      });
      break;
    case 'python':
      steps.push({
        name: 'Set up Python',
        uses: pinnedUses('actions/setup-python'),
        with: { 'python-version': model.languageVersion },
      });
      break;
    case 'go':
      steps.push({
        name: 'Set up Go',
        uses: pinnedUses('actions/setup-go'),
        with: { 'go-version': model.languageVersion, cache: false },
      });
      break;
    case 'java':
      steps.push({
        name: 'Set up Java',
        uses: pinnedUses('actions/setup-java'),
        with: {
          distribution: 'temurin',
          'java-version': model.languageVersion,
        },
      });
      break;
    default:
      throw new Error(`unknown language ${model.language satisfies never}`);
  }
  if (model.caching) {
    const cache = dependencyCache(model.buildTool);
    const files = cache.keyFiles.map(file => `'**/${file}'`).join(', ');
    steps.push({
      name: 'Cache dependencies',
      uses: pinnedUses('actions/cache'),
      with: {
        path: cache.homePaths.join('\n'),
        key: `\${{ runner.os }}-${model.buildTool}-\${{ hashFiles(${files}) }}`,
        'restore-keys': `\${{ runner.os }}-${model.buildTool}-`,
      },
    });
  }
  steps.push({
    name: 'Install dependencies',
    run: toolchainScripts(model.buildTool).install,
  });
  return steps;
}

function ciJobs(model: PipelineModel): Record<string, Job> {
  const jobs: Record<string, Job> = {};
  const scripts = toolchainScripts(model.buildTool);
  const readOnly = { contents: 'read' };
  const base = (name: string): Job => ({
    name,
    'runs-on': RUNNER,
    'timeout-minutes': model.timeoutMinutes,
    permissions: readOnly,
  });

  if (model.lint) {
    jobs.lint = {
      ...base('Lint'),
      steps: [
        checkout(),
        ...setupToolchain(model),
        { name: 'Lint', run: scripts.lint },
      ],
    };
  }

  const shards = Array.from({ length: model.testShards }, (_, i) => i + 1);
  jobs.test = {
    ...base(
      model.testShards > 1
        ? 'Unit tests (shard ${{ matrix.shard }})'
        : 'Unit tests',
    ),
    strategy: { 'fail-fast': false, matrix: { shard: shards } },
    env: {
      OPSDECK_SHARD_INDEX: '${{ matrix.shard }}',
      OPSDECK_SHARD_TOTAL: String(model.testShards),
    },
    steps: [
      checkout(),
      ...setupToolchain(model),
      { name: 'Unit tests', run: scripts.test },
    ],
  };

  if (model.security.secretScan) {
    jobs['secret-scan'] = {
      ...base('Secret scan'),
      steps: [
        checkout(0),
        {
          name: 'Gitleaks',
          uses: pinnedUses('gitleaks/gitleaks-action'),
          env: {
            GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
            GITLEAKS_LICENSE: '${{ secrets.GITLEAKS_LICENSE }}',
            GITLEAKS_ENABLE_COMMENTS: 'false',
          },
        },
      ],
    };
  }

  if (model.security.sast) {
    const codeql = codeqlLanguage(model.language);
    jobs.sast = {
      ...base('Static analysis (CodeQL)'),
      permissions: {
        actions: 'read',
        contents: 'read',
        'security-events': 'write',
      },
      steps: [
        checkout(),
        {
          name: 'Initialise CodeQL',
          uses: pinnedUses('github/codeql-action/init'),
          with: { languages: codeql.language, 'build-mode': codeql.buildMode },
        },
        {
          name: 'Analyse',
          uses: pinnedUses('github/codeql-action/analyze'),
        },
      ],
    };
  }

  if (model.container) {
    const isGhcr = model.container.registry === 'ghcr.io';
    const imageRef = '${{ env.OPSDECK_REGISTRY }}/${{ env.OPSDECK_IMAGE }}';
    const steps: Step[] = [
      checkout(),
      {
        name: 'Set up Docker Buildx',
        uses: pinnedUses('docker/setup-buildx-action'),
      },
      {
        name: 'Log in to the registry',
        uses: pinnedUses('docker/login-action'),
        with: {
          registry: '${{ env.OPSDECK_REGISTRY }}',
          username: isGhcr
            ? '${{ github.actor }}'
            : '${{ secrets.REGISTRY_USERNAME }}',
          password: isGhcr
            ? '${{ secrets.GITHUB_TOKEN }}'
            : '${{ secrets.REGISTRY_PASSWORD }}',
        },
      },
      {
        name: 'Build and push the image',
        id: 'build',
        uses: pinnedUses('docker/build-push-action'),
        with: {
          context: '${{ env.OPSDECK_DOCKER_CONTEXT }}',
          file: '${{ env.OPSDECK_DOCKERFILE }}',
          ...(model.container.target
            ? { target: '${{ env.OPSDECK_DOCKER_TARGET }}' }
            : {}),
          push: true,
          tags: `${imageRef}:\${{ github.sha }}`,
          'cache-from': `type=registry,ref=${imageRef}:buildcache`,
          'cache-to': `type=registry,ref=${imageRef}:buildcache,mode=max`,
        },
      },
    ];
    if (model.security.imageScan) {
      steps.push({
        name: 'Scan the image (Trivy)',
        uses: pinnedUses('aquasecurity/trivy-action'),
        with: {
          'image-ref': `${imageRef}@\${{ steps.build.outputs.digest }}`,
          'exit-code': '1',
          severity: 'CRITICAL,HIGH',
          'ignore-unfixed': true,
        },
      });
    }
    if (model.security.sbom) {
      steps.push({
        name: 'SBOM of the image',
        uses: pinnedUses('anchore/sbom-action'),
        with: {
          image: `${imageRef}@\${{ steps.build.outputs.digest }}`,
          format: 'spdx-json',
          'artifact-name': 'sbom.spdx.json',
        },
      });
    }
    jobs.build = {
      ...base('Container image'),
      needs: Object.keys(jobs).filter(job => job === 'lint' || job === 'test'),
      permissions: isGhcr
        ? { contents: 'read', packages: 'write' }
        : { contents: 'read' },
      steps,
    };
  } else if (model.security.sbom) {
    jobs.sbom = {
      ...base('SBOM'),
      steps: [
        checkout(),
        {
          name: 'SBOM of the source tree',
          uses: pinnedUses('anchore/sbom-action'),
          with: {
            path: '.',
            format: 'spdx-json',
            'artifact-name': 'sbom.spdx.json',
          },
        },
      ],
    };
  }
  return jobs;
}

function cloudLoginStep(model: PipelineModel): Step | undefined {
  switch (model.cloud?.provider) {
    case undefined:
      return undefined;
    case 'aws':
      return {
        name: 'Sign in to AWS (OIDC)',
        uses: pinnedUses('aws-actions/configure-aws-credentials'),
        with: {
          'role-to-assume': '${{ env.OPSDECK_AWS_ROLE_ARN }}',
          'aws-region': '${{ env.OPSDECK_AWS_REGION }}',
          'role-session-name': 'opsdeck-${{ github.run_id }}',
        },
      };
    case 'gcp':
      return {
        name: 'Sign in to Google Cloud (workload identity federation)',
        uses: pinnedUses('google-github-actions/auth'),
        with: {
          workload_identity_provider:
            '${{ env.OPSDECK_GCP_WORKLOAD_IDENTITY_PROVIDER }}',
          service_account: '${{ env.OPSDECK_GCP_SERVICE_ACCOUNT }}',
        },
      };
    case 'azure':
      return {
        name: 'Sign in to Azure (federated credential)',
        uses: pinnedUses('azure/login'),
        with: {
          'client-id': '${{ env.OPSDECK_AZURE_CLIENT_ID }}',
          'tenant-id': '${{ env.OPSDECK_AZURE_TENANT_ID }}',
          'subscription-id': '${{ env.OPSDECK_AZURE_SUBSCRIPTION_ID }}',
        },
      };
    default:
      throw new Error('unknown cloud provider');
  }
}

function deployJobs(
  model: PipelineModel,
  ciJobNames: string[],
): Record<string, Job> {
  const jobs: Record<string, Job> = {};
  const portal = model.portal;
  const oidcPortal = portal?.auth === 'oidc';
  const tokenEnv: Record<string, string> =
    portal && !oidcPortal
      ? { OPSDECK_PORTAL_TOKEN: `\${{ secrets.${portal.tokenSecretName} }}` }
      : {};
  const prelude = oidcPortal ? GITHUB_OIDC_PORTAL_TOKEN_PRELUDE : undefined;
  const gated = gatedEnvironment(model);
  let previous: string[] = ciJobNames;

  for (const environment of model.environments) {
    const id = `deploy-${environment.name}`;
    const steps: Step[] = [checkout()];
    const login = cloudLoginStep(model);
    if (login) {
      steps.push(login);
    }
    if (portal && gated === environment.name) {
      steps.push({
        name: 'Error-budget gate',
        ...(Object.keys(tokenEnv).length > 0 ? { env: tokenEnv } : {}),
        run: errorBudgetGateScript(prelude),
      });
    }
    const reporting: DeploymentReporting | undefined = portal?.reportDeployments
      ? { tokenPrelude: prelude }
      : undefined;
    const reportEnv = reporting ? tokenEnv : {};
    steps.push({
      name: `Deploy (${model.strategy})`,
      ...(Object.keys(reportEnv).length > 0 ? { env: reportEnv } : {}),
      run: deployScript(reporting),
    });
    if (reporting) {
      steps.push({
        name: 'Report an interrupted deployment',
        if: 'failure() || cancelled()',
        ...(Object.keys(reportEnv).length > 0 ? { env: reportEnv } : {}),
        run: interruptedDeployReportScript(reporting),
      });
    }
    const needsIdToken = Boolean(model.cloud) || oidcPortal;
    jobs[id] = {
      name: `Deploy to ${environment.name}`,
      needs: previous,
      if: ON_DEFAULT_BRANCH_PUSH,
      'runs-on': RUNNER,
      'timeout-minutes': model.timeoutMinutes,
      environment: environment.url
        ? { name: environment.name, url: environment.url }
        : environment.name,
      concurrency: {
        group: `deploy-${environment.name}-\${{ github.repository }}`,
        'cancel-in-progress': false,
      },
      permissions: needsIdToken
        ? { contents: 'read', 'id-token': 'write' }
        : { contents: 'read' },
      env: { OPSDECK_ENVIRONMENT: environment.name },
      steps,
    };
    previous = [id];
  }
  return jobs;
}

/**
 * Renders a hardened GitHub Actions workflow from pipeline parameters.
 *
 * @throws InputError when a parameter is invalid.
 * @public
 */
export function generateGithubActionsWorkflow(parameters: unknown): string {
  const model = parsePipelineParameters(parameters);
  const ci = ciJobs(model);
  const workflow = {
    name: `${model.name} CI/CD`,
    on: {
      push: { branches: [model.defaultBranch] },
      pull_request: { branches: [model.defaultBranch] },
      workflow_dispatch: {},
    },
    permissions: {},
    concurrency: {
      group: '${{ github.workflow }}-${{ github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    },
    env: {
      ...pipelineEnvironment(model),
      OPSDECK_COMMIT_SHA: '${{ github.sha }}',
      OPSDECK_VERSION: '${{ github.sha }}',
      OPSDECK_RUN_ID: '${{ github.run_id }}',
      OPSDECK_RUN_ATTEMPT: '${{ github.run_attempt }}',
      OPSDECK_RUN_URL:
        '${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}',
    },
    jobs: {
      ...ci,
      ...deployJobs(model, Object.keys(ci)),
    },
  };
  const text = stringify(workflow, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
  return annotatePinnedVersions(`${pipelineHeader(model, '#')}\n${text}`);
}
