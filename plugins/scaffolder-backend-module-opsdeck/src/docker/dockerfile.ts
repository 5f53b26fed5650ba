import type { BuildTool } from '../pipeline/parameters';
import {
  BaseImage,
  BUILD_TOOL_VERSIONS,
  builderImage,
  DISTROLESS_JAVA_MAJORS,
  DISTROLESS_NODE_MAJORS,
  imageReference,
  RUNTIME_IMAGES,
} from './baseImages';
import {
  DockerfileModel,
  parseDockerfileParameters,
} from './dockerfileParameters';

/** How a build tool installs dependencies and builds, in cache-friendly steps. */
type BuildRecipe = {
  /** Files that decide the dependencies, copied before the sources. */
  manifests: string[];
  /** Commands run before copying the manifests (tool set-up). */
  setup?: string[];
  env?: string[];
  /** BuildKit cache mounts for the dependency and build steps. */
  caches: string[];
  install: string;
  /** Sources copied for the build (default: the whole context). */
  sources?: string[];
  build: string;
};

const NODE_BUILD = (tool: 'npm' | 'pnpm' | 'yarn'): BuildRecipe => {
  switch (tool) {
    case 'npm':
      return {
        manifests: ['package.json', 'package-lock.json'],
        caches: ['/root/.npm'],
        install: 'npm ci --no-audit --no-fund',
        build: 'npm run build --if-present && npm prune --omit=dev',
      };
    case 'pnpm':
      return {
        manifests: ['package.json', 'pnpm-lock.yaml'],
        setup: ['corepack enable pnpm'],
        caches: ['/root/.local/share/pnpm/store'],
        install: 'pnpm install --frozen-lockfile',
        build: 'pnpm run --if-present build && pnpm prune --prod',
      };
    default:
      return {
        manifests: ['package.json', 'yarn.lock', '.yarnrc.yml*'],
        setup: ['corepack enable yarn'],
        caches: ['/root/.yarn/berry/cache'],
        install: 'yarn install --immutable',
        build: 'yarn run build && yarn workspaces focus --all --production',
      };
  }
};

function buildRecipe(model: DockerfileModel): BuildRecipe {
  const tool: BuildTool = model.buildTool;
  switch (tool) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return NODE_BUILD(tool);
    case 'pip':
      return {
        manifests: ['requirements.txt'],
        setup: ['python -m venv /opt/venv'],
        env: ['PIP_DISABLE_PIP_VERSION_CHECK=1', 'PYTHONDONTWRITEBYTECODE=1'],
        caches: ['/root/.cache/pip'],
        install: '/opt/venv/bin/pip install -r requirements.txt',
        build: '/opt/venv/bin/python -m compileall -q .',
      };
    case 'poetry':
      return {
        manifests: ['pyproject.toml', 'poetry.lock'],
        setup: [
          `pip install --no-cache-dir poetry==${BUILD_TOOL_VERSIONS.poetry}`,
        ],
        env: [
          'PIP_DISABLE_PIP_VERSION_CHECK=1',
          'PYTHONDONTWRITEBYTECODE=1',
          'POETRY_NO_INTERACTION=1',
          'POETRY_VIRTUALENVS_IN_PROJECT=true',
        ],
        caches: ['/root/.cache/pypoetry'],
        install: 'poetry install --only main --no-root',
        build: '.venv/bin/python -m compileall -q .',
      };
    case 'go':
      return {
        manifests: ['go.mod', 'go.sum*'],
        env: ['CGO_ENABLED=0'],
        caches: ['/go/pkg/mod', '/root/.cache/go-build'],
        install: 'go mod download',
        build: `go build -trimpath -ldflags=-s -o /out/${model.name} ${model.entrypoint}`,
      };
    case 'maven':
      return {
        manifests: ['pom.xml'],
        caches: ['/root/.m2'],
        install: 'mvn -B -q dependency:go-offline',
        sources: ['src'],
        build:
          'mvn -B -q -DskipTests package && mkdir -p /out && cp target/*.jar /out/app.jar',
      };
    case 'gradle':
      return {
        manifests: ['settings.gradle*', 'build.gradle*', 'gradle.properties*'],
        caches: ['/home/gradle/.gradle'],
        install: 'gradle --no-daemon -q dependencies > /dev/null',
        sources: ['src'],
        build:
          "gradle --no-daemon -q -x test build && mkdir -p /out && find build/libs -name '*.jar' ! -name '*-plain.jar' -exec cp {} /out/app.jar ';'",
      };
    default:
      throw new Error(`unknown build tool ${tool satisfies never}`);
  }
}

/** The final image, how it starts the service, and how it checks health. */
type RuntimeRecipe = {
  image: BaseImage;
  env: string[];
  copy: string[];
  entrypoint: string[];
  /** The interpreter that runs the health check, when the image has one. */
  healthcheck?: (url: string) => string[];
};

function major(version: string): string {
  return version.split('.')[0];
}

function runtimeRecipe(model: DockerfileModel): RuntimeRecipe {
  const distroless = model.runtime === 'distroless';
  switch (model.language) {
    case 'node': {
      const useDistroless =
        distroless &&
        DISTROLESS_NODE_MAJORS.includes(major(model.languageVersion));
      const node = useDistroless ? '/nodejs/bin/node' : 'node';
      return {
        image: useDistroless
          ? RUNTIME_IMAGES.distrolessNode(major(model.languageVersion))
          : RUNTIME_IMAGES.slimNode(model.languageVersion),
        env: ['NODE_ENV=production'],
        copy: ['COPY --from=build /app /app'],
        entrypoint: [node, model.entrypoint],
        healthcheck: url => [
          node,
          '-e',
          `fetch('${url}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
        ],
      };
    }
    case 'python': {
      const venv = model.buildTool === 'pip' ? '/opt/venv' : '/app/.venv';
      return {
        image: RUNTIME_IMAGES.slimPython(model.languageVersion),
        env: [`PATH=${venv}/bin:$PATH`, 'PYTHONUNBUFFERED=1'],
        copy: [
          ...(model.buildTool === 'pip'
            ? ['COPY --from=build /opt/venv /opt/venv']
            : []),
          'COPY --from=build /app /app',
        ],
        entrypoint: ['python', '-m', model.entrypoint],
        healthcheck: url => [
          'python',
          '-c',
          `import sys,urllib.request;sys.exit(0 if urllib.request.urlopen('${url}',timeout=2).status<400 else 1)`,
        ],
      };
    }
    case 'go':
      return {
        image: distroless
          ? RUNTIME_IMAGES.distrolessStatic()
          : RUNTIME_IMAGES.slimDebian(),
        env: [],
        copy: [`COPY --from=build /out/${model.name} /app/${model.name}`],
        entrypoint: [`/app/${model.name}`],
      };
    case 'java': {
      const useDistroless =
        distroless &&
        DISTROLESS_JAVA_MAJORS.includes(major(model.languageVersion));
      return {
        image: useDistroless
          ? RUNTIME_IMAGES.distrolessJava(major(model.languageVersion))
          : RUNTIME_IMAGES.jre(major(model.languageVersion)),
        env: [],
        copy: ['COPY --from=build /out/app.jar /app/app.jar'],
        entrypoint: [
          useDistroless ? '/usr/bin/java' : 'java',
          '-XX:MaxRAMPercentage=75',
          '-jar',
          '/app/app.jar',
        ],
      };
    }
    default:
      throw new Error(`unknown language ${model.language satisfies never}`);
  }
}

function execForm(words: string[]): string {
  return JSON.stringify(words).replace(/","/g, '", "');
}

/**
 * The images a generated Dockerfile builds from and runs on.
 *
 * @public
 */
export function dockerfileImages(input: unknown): {
  builder: string;
  runtime: string;
} {
  const model = parseDockerfileParameters(input);
  return {
    builder: imageReference({
      ...builderImage(model.buildTool, model.languageVersion),
      digest: model.digests.builder,
    }),
    runtime: imageReference({
      ...runtimeRecipe(model).image,
      digest: model.digests.runtime,
    }),
  };
}

/**
 * Generates a multi-stage Dockerfile: a `deps` stage that installs
 * dependencies from the manifests alone (cached until they change, with
 * BuildKit cache mounts for the tool's download cache), a `build` stage that
 * adds the sources, and a small `runtime` stage (distroless or slim) running
 * as a numeric non-root user.
 *
 * @throws InputError when a parameter is invalid.
 * @public
 */
export function generateDockerfile(input: unknown): string {
  const model = parseDockerfileParameters(input);
  const build = buildRecipe(model);
  const runtime = runtimeRecipe(model);
  const images = dockerfileImages(input);
  const workdir =
    model.language === 'node' || model.language === 'python' ? '/app' : '/src';
  const mounts = (paths: string[]) =>
    paths.map(p => `--mount=type=cache,target=${p}`).join(' ');

  const lines: string[] = [
    `# ${model.name}: ${model.language} (${model.buildTool} ${model.languageVersion}) built in stages,`,
    `# run on ${runtime.image.repository} as user ${model.uid}. Needs BuildKit (Docker 23+).`,
    '',
    `FROM ${images.builder} AS deps`,
  ];
  if (build.env) lines.push(`ENV ${build.env.join(' ')}`);
  for (const command of build.setup ?? []) lines.push(`RUN ${command}`);
  lines.push(
    `WORKDIR ${workdir}`,
    `COPY ${build.manifests.join(' ')} ./`,
    `RUN ${mounts(build.caches)} ${build.install}`,
    '',
    'FROM deps AS build',
  );
  for (const source of build.sources ?? ['.']) {
    lines.push(source === '.' ? 'COPY . .' : `COPY ${source} ./${source}`);
  }
  lines.push(`RUN ${mounts(build.caches)} ${build.build}`, '');

  lines.push(
    `FROM ${images.runtime} AS runtime`,
    `LABEL org.opencontainers.image.title="${model.name}"`,
    'WORKDIR /app',
  );
  const env = [...runtime.env, `PORT=${model.port}`];
  lines.push(`ENV ${env.join(' ')}`);
  lines.push(...runtime.copy);
  lines.push(`USER ${model.uid}:${model.uid}`, `EXPOSE ${model.port}`);
  if (model.healthcheck && runtime.healthcheck) {
    const url = `http://127.0.0.1:${model.port}${model.healthcheckPath}`;
    lines.push(
      `HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 CMD ${execForm(
        runtime.healthcheck(url),
      )}`,
    );
  } else if (model.healthcheck) {
    lines.push(
      '# No HEALTHCHECK: the image has no shell or HTTP client; the orchestrator probes the service.',
    );
  }
  lines.push(`ENTRYPOINT ${execForm(runtime.entrypoint)}`);
  return `${lines.join('\n')}\n`;
}

const COMMON_IGNORES = [
  '.git',
  '.github',
  '.gitlab-ci.yml',
  'Jenkinsfile',
  '.dockerignore',
  'Dockerfile',
  '**/*.log',
  '.env',
  '.env.*',
  '**/*.pem',
  '**/*.key',
  '.idea',
  '.vscode',
  'deploy',
  'infra',
  'kubernetes',
  'terraform',
  'vault',
  'catalog-info.yaml',
];

const LANGUAGE_IGNORES: Record<DockerfileModel['language'], string[]> = {
  node: [
    'node_modules',
    'dist',
    'coverage',
    '.npm',
    '.pnpm-store',
    '.yarn/cache',
  ],
  python: [
    '.venv',
    'venv',
    '**/__pycache__',
    '**/*.pyc',
    '.pytest_cache',
    '.mypy_cache',
  ],
  go: ['bin', 'vendor', 'coverage.out'],
  java: ['target', 'build', '.gradle', '.m2'],
};

/**
 * Generates the `.dockerignore` matching {@link generateDockerfile}: version
 * control, CI and deployment files, local dependencies and build output, and
 * files that commonly hold secrets stay out of the build context.
 *
 * @public
 */
export function generateDockerignore(input: unknown): string {
  const model = parseDockerfileParameters(input);
  return `${[...COMMON_IGNORES, ...LANGUAGE_IGNORES[model.language]].join(
    '\n',
  )}\n`;
}
