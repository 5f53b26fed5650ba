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

const TRIVY_REGISTRY_CREDENTIALS =
  "usernamePassword(credentialsId: 'registry-credentials', usernameVariable: 'TRIVY_USERNAME', passwordVariable: 'TRIVY_PASSWORD')";

/** Jenkins build facts mapped onto the OPSDECK_* names the scripts read. */
const JENKINS_CONTEXT = [
  'OPSDECK_COMMIT_SHA="$GIT_COMMIT"',
  'OPSDECK_VERSION="$GIT_COMMIT"',
  'OPSDECK_RUN_ID="$BUILD_TAG"',
  'OPSDECK_RUN_ATTEMPT="$BUILD_NUMBER"',
  'OPSDECK_RUN_URL="$BUILD_URL"',
  'export OPSDECK_COMMIT_SHA OPSDECK_VERSION OPSDECK_RUN_ID OPSDECK_RUN_ATTEMPT OPSDECK_RUN_URL',
].join('\n');

/** A Groovy single-quoted string literal (no interpolation). */
export function groovyString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An `sh` step whose script is a triple-single-quoted Groovy string: no Groovy interpolation. */
function sh(scripts: string[], indent: string): string {
  const body = [JENKINS_CONTEXT, ...scripts].join('\n');
  if (body.includes("'''")) {
    throw new Error('a script must not contain three single quotes');
  }
  const escaped = body.replace(/\\/g, '\\\\');
  const lines = escaped.split('\n').map(line => `${indent}  ${line}`);
  return `${indent}sh '''\n${lines.join('\n')}\n${indent}'''`;
}

function dockerAgent(image: string, indent: string): string {
  return [
    `${indent}agent {`,
    `${indent}  docker {`,
    `${indent}    image ${groovyString(image)}`,
    `${indent}    args '--entrypoint='`,
    `${indent}  }`,
    `${indent}}`,
  ].join('\n');
}

function stage(name: string, body: string[], indent: string): string {
  return [
    `${indent}stage(${groovyString(name)}) {`,
    ...body,
    `${indent}}`,
  ].join('\n');
}

function environmentBlock(
  values: Record<string, string>,
  indent: string,
): string {
  return [
    `${indent}environment {`,
    ...Object.entries(values).map(
      ([key, value]) => `${indent}  ${key} = ${groovyString(value)}`,
    ),
    `${indent}}`,
  ].join('\n');
}

function ciStages(model: PipelineModel): string[] {
  const i = '    ';
  const stages: string[] = [];
  const scripts = toolchainScripts(model.buildTool);
  const image = toolchainImage(model.buildTool, model.languageVersion);
  if (model.lint) {
    stages.push(
      stage(
        'Lint',
        [
          dockerAgent(image, `${i}  `),
          `${i}  steps {`,
          sh([scripts.install, scripts.lint], `${i}    `),
          `${i}  }`,
        ],
        i,
      ),
    );
  }
  const shardStages = Array.from({ length: model.testShards }, (_, n) =>
    stage(
      `Unit tests ${n + 1}/${model.testShards}`,
      [
        dockerAgent(image, `${i}      `),
        environmentBlock(
          {
            OPSDECK_SHARD_INDEX: String(n + 1),
            OPSDECK_SHARD_TOTAL: String(model.testShards),
          },
          `${i}      `,
        ),
        `${i}      steps {`,
        sh([scripts.install, scripts.test], `${i}        `),
        `${i}      }`,
      ],
      `${i}    `,
    ),
  );
  stages.push(
    stage(
      'Unit tests',
      [`${i}  failFast false`, `${i}  parallel {`, ...shardStages, `${i}  }`],
      i,
    ),
  );

  const security: string[] = [];
  const securityStage = (name: string, img: string, script: string) =>
    stage(
      name,
      [
        dockerAgent(img, `${i}      `),
        `${i}      steps {`,
        sh([script], `${i}        `),
        `${i}      }`,
      ],
      `${i}    `,
    );
  if (model.security.secretScan) {
    security.push(
      securityStage(
        'Secret scan',
        imageReference(PINNED_IMAGES.gitleaks),
        SECRET_SCAN_SCRIPT,
      ),
    );
  }
  if (model.security.sast) {
    security.push(
      securityStage(
        'Static analysis',
        imageReference(PINNED_IMAGES.semgrep),
        SAST_SCRIPT,
      ),
    );
  }
  if (security.length > 0) {
    stages.push(
      stage('Security', [`${i}  parallel {`, ...security, `${i}  }`], i),
    );
  }

  if (model.container) {
    stages.push(
      stage(
        'Container image',
        [
          `${i}  agent { label 'docker' }`,
          `${i}  steps {`,
          `${i}    withCredentials([usernamePassword(credentialsId: 'registry-credentials', usernameVariable: 'OPSDECK_REGISTRY_USER', passwordVariable: 'OPSDECK_REGISTRY_PASSWORD')]) {`,
          sh([REGISTRY_LOGIN_SCRIPT, CONTAINER_BUILD_SCRIPT], `${i}      `),
          `${i}    }`,
          `${i}  }`,
        ],
        i,
      ),
    );
    const imageChecks: string[] = [];
    if (model.security.imageScan) {
      imageChecks.push(
        stage(
          'Image scan',
          [
            dockerAgent(imageReference(PINNED_IMAGES.trivy), `${i}      `),
            `${i}      steps {`,
            `${i}        withCredentials([${TRIVY_REGISTRY_CREDENTIALS}]) {`,
            sh([IMAGE_SCAN_SCRIPT], `${i}          `),
            `${i}        }`,
            `${i}      }`,
          ],
          `${i}    `,
        ),
      );
    }
    if (model.security.sbom) {
      imageChecks.push(sbomStage(`${i}    `, true));
    }
    if (imageChecks.length > 0) {
      stages.push(
        stage(
          'Image checks',
          [`${i}  parallel {`, ...imageChecks, `${i}  }`],
          i,
        ),
      );
    }
  } else if (model.security.sbom) {
    stages.push(sbomStage(i, false));
  }
  return stages;
}

/** SBOM of the pushed image (read with the registry credentials) or of the source tree. */
function sbomStage(indent: string, ofImage: boolean): string {
  const script = ofImage
    ? [
        `${indent}    withCredentials([${TRIVY_REGISTRY_CREDENTIALS}]) {`,
        sh([SBOM_SCRIPT], `${indent}      `),
        `${indent}    }`,
      ]
    : [sh([SBOM_SCRIPT], `${indent}    `)];
  return stage(
    'SBOM',
    [
      dockerAgent(imageReference(PINNED_IMAGES.trivy), `${indent}  `),
      `${indent}  steps {`,
      ...script,
      `${indent}    archiveArtifacts artifacts: 'sbom.spdx.json', fingerprint: true`,
      `${indent}  }`,
    ],
    indent,
  );
}

function deployStages(model: PipelineModel): string[] {
  const i = '    ';
  const portal = model.portal;
  const image = deployImage(model.cloud?.provider);
  const credentials: string[] = [];
  if (portal) {
    credentials.push(
      `string(credentialsId: ${groovyString(
        portal.tokenSecretName,
      )}, variable: 'OPSDECK_PORTAL_TOKEN')`,
    );
  }
  if (model.cloud) {
    credentials.push(
      `string(credentialsId: ${groovyString(
        `opsdeck-oidc-${model.cloud.provider}`,
      )}, variable: 'OPSDECK_CLOUD_ID_TOKEN')`,
    );
  }
  const withCredentials = (inner: string[], indent: string): string[] =>
    credentials.length === 0
      ? inner
      : [
          `${indent}withCredentials([${credentials.join(', ')}]) {`,
          ...inner,
          `${indent}}`,
        ];

  return model.environments.map(environment => {
    const scripts = deployJobScripts(model, environment.name);
    const body: string[] = [
      `${i}  when {`,
      `${i}    beforeAgent true`,
      `${i}    beforeInput true`,
      `${i}    branch ${groovyString(model.defaultBranch)}`,
      `${i}  }`,
    ];
    if (environment.approval) {
      body.push(
        `${i}  input {`,
        `${i}    message ${groovyString(`Deploy to ${environment.name}?`)}`,
        `${i}    ok 'Deploy'`,
        `${i}  }`,
      );
    }
    body.push(
      `${i}  options {`,
      `${i}    lock(resource: ${groovyString(
        `deploy-${environment.name}`,
      )}, inversePrecedence: false)`,
      `${i}  }`,
      dockerAgent(image, `${i}  `),
      environmentBlock({ OPSDECK_ENVIRONMENT: environment.name }, `${i}  `),
      `${i}  steps {`,
      ...withCredentials(
        [sh([...scripts.prepare, scripts.deploy], `${i}      `)],
        `${i}    `,
      ),
      `${i}  }`,
    );
    if (scripts.reportInterrupted) {
      body.push(
        `${i}  post {`,
        `${i}    unsuccessful {`,
        ...withCredentials(
          [sh([scripts.reportInterrupted], `${i}        `)],
          `${i}      `,
        ),
        `${i}    }`,
        `${i}  }`,
      );
    }
    return stage(`Deploy to ${environment.name}`, body, i);
  });
}

/**
 * Renders a declarative Jenkinsfile from pipeline parameters. Scripts are
 * triple-single-quoted (no Groovy interpolation); values reach them through
 * the `environment` block and credentials through `withCredentials`.
 *
 * @throws InputError when a parameter is invalid.
 * @public
 */
export function generateJenkinsfile(parameters: unknown): string {
  const model = parsePipelineParameters(parameters);
  const lines = [
    pipelineHeader(model, '//'),
    'pipeline {',
    '  agent none',
    '  options {',
    '    disableConcurrentBuilds()',
    `    timeout(time: ${model.timeoutMinutes * 3}, unit: 'MINUTES')`,
    "    buildDiscarder(logRotator(numToKeepStr: '50'))",
    '    timestamps()',
    '  }',
    environmentBlock(pipelineEnvironment(model), '  '),
    '  stages {',
    ...ciStages(model),
    ...deployStages(model),
    '  }',
    '}',
    '',
  ];
  return lines.join('\n');
}
