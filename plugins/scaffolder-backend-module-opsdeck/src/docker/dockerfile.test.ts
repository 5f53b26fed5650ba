import { InputError } from '@backstage/errors';
import { DockerfileParser } from 'dockerfile-ast';
import {
  NO_DOCKERFILE_PROBLEMS,
  runCommands,
  validateDockerfile,
} from '../__testUtils__/dockerfileValidators';
import {
  BUILD_TOOLS,
  DEFAULT_LANGUAGE_VERSIONS,
  Language,
} from '../pipeline/parameters';
import {
  dockerfileImages,
  generateDockerfile,
  generateDockerignore,
} from './dockerfile';

jest.setTimeout(60_000);

const COMBINATIONS = (Object.keys(BUILD_TOOLS) as Language[]).flatMap(
  language =>
    BUILD_TOOLS[language].flatMap(buildTool =>
      (['distroless', 'slim'] as const).map(runtime => ({
        language,
        buildTool,
        runtime,
      })),
    ),
);

describe('generateDockerfile', () => {
  it.each(
    COMBINATIONS.map(c => [`${c.language}/${c.buildTool}/${c.runtime}`, c]),
  )(
    'passes dockerfile-utils, shellcheck and our rules for %s',
    async (_label, combination) => {
      const content = generateDockerfile({ name: 'checkout', ...combination });
      expect(await validateDockerfile(content)).toEqual(NO_DOCKERFILE_PROBLEMS);
      expect(content).toContain('USER 65532:65532');
      expect(content).toContain('EXPOSE 8080');
    },
  );

  it('copies only dependency manifests before installing, then the sources', () => {
    const content = generateDockerfile({
      name: 'checkout',
      language: 'node',
      buildTool: 'pnpm',
    });
    const lines = content.split('\n');
    const manifests = lines.indexOf('COPY package.json pnpm-lock.yaml ./');
    const install = lines.findIndex(l =>
      l.includes('pnpm install --frozen-lockfile'),
    );
    const sources = lines.indexOf('COPY . .');
    expect(manifests).toBeGreaterThan(0);
    expect(install).toBeGreaterThan(manifests);
    expect(sources).toBeGreaterThan(install);
    expect(lines[install]).toContain(
      '--mount=type=cache,target=/root/.local/share/pnpm/store',
    );
  });

  it('runs node on distroless with a health check through node itself', () => {
    const content = generateDockerfile({
      name: 'checkout',
      language: 'node',
      port: 3000,
      healthcheckPath: '/ready',
    });
    expect(content).toContain('FROM node:22-bookworm-slim AS deps');
    expect(content).toContain(
      'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
    );
    expect(content).toContain('http://127.0.0.1:3000/ready');
    expect(content).toContain(
      'ENTRYPOINT ["/nodejs/bin/node", "dist/index.js"]',
    );
    const healthchecks = DockerfileParser.parse(content).getHEALTHCHECKs();
    expect(healthchecks).toHaveLength(1);
  });

  it('falls back to a slim image where no distroless image matches the version', () => {
    expect(
      dockerfileImages({ name: 'a', language: 'node', languageVersion: '23' })
        .runtime,
    ).toBe('node:23-bookworm-slim');
    expect(
      dockerfileImages({ name: 'a', language: 'java', languageVersion: '23' })
        .runtime,
    ).toBe('eclipse-temurin:23-jre-noble');
    expect(dockerfileImages({ name: 'a', language: 'python' }).runtime).toBe(
      'python:3.12-slim-bookworm',
    );
  });

  it('pins base images by digest when digests are given', async () => {
    const builder = `sha256:${'a'.repeat(64)}`;
    const runtime = `sha256:${'b'.repeat(64)}`;
    const content = generateDockerfile({
      name: 'ledger',
      language: 'go',
      digests: { builder, runtime },
    });
    // The builder follows the pipeline model's default Go version.
    expect(content).toContain(
      `FROM golang:${DEFAULT_LANGUAGE_VERSIONS.go}-bookworm@${builder} AS deps`,
    );
    expect(content).toContain(
      `FROM gcr.io/distroless/static-debian12:nonroot@${runtime} AS runtime`,
    );
    expect(await validateDockerfile(content)).toEqual(NO_DOCKERFILE_PROBLEMS);
  });

  it('builds go statically with the module and build caches and no health check client', () => {
    const content = generateDockerfile({
      name: 'ledger',
      language: 'go',
      entrypoint: './cmd/ledger',
    });
    expect(runCommands(content)).toContain(
      'go build -trimpath -ldflags=-s -o /out/ledger ./cmd/ledger',
    );
    expect(content).toContain('ENV CGO_ENABLED=0');
    expect(content).toContain(
      '--mount=type=cache,target=/root/.cache/go-build',
    );
    expect(DockerfileParser.parse(content).getHEALTHCHECKs()).toHaveLength(0);
    expect(content).toContain('ENTRYPOINT ["/app/ledger"]');
  });

  it('leaves the health check out when asked', () => {
    const content = generateDockerfile({
      name: 'a',
      language: 'python',
      healthcheck: false,
    });
    expect(content).not.toContain('HEALTHCHECK');
  });

  it('writes a .dockerignore that keeps secrets, VCS data and local dependencies out', () => {
    const ignore = generateDockerignore({ name: 'a', language: 'node' }).split(
      '\n',
    );
    expect(ignore).toEqual(
      expect.arrayContaining(['.git', '.env', '**/*.pem', 'node_modules']),
    );
    const java = generateDockerignore({ name: 'a', language: 'java' }).split(
      '\n',
    );
    expect(java).toEqual(
      expect.arrayContaining(['target', 'build', '.gradle']),
    );
  });

  it.each([
    [
      { name: 'a', language: 'go', buildTool: 'npm' },
      'buildTool must be one of go for go',
    ],
    [{ name: 'a', language: 'node', uid: 0 }, 'uid'],
    [{ name: 'a', language: 'node', port: 70000 }, 'port'],
    [
      { name: 'a', language: 'node', entrypoint: '../etc/passwd.js' },
      "entrypoint must not contain '..'",
    ],
    [
      { name: 'a', language: 'python', entrypoint: 'app; rm -rf /' },
      'entrypoint',
    ],
    [
      { name: 'a', language: 'node', digests: { runtime: 'sha256:abc' } },
      'digests.runtime',
    ],
    [
      { name: 'a', language: 'node', healthcheckPath: '/x"]' },
      'healthcheckPath must not contain quotes',
    ],
    [
      { name: 'a', language: 'node', extra: true },
      'unknown parameter(s) extra',
    ],
    [{ name: 'A', language: 'node' }, 'name must be a lowercase DNS label'],
  ])('rejects %j with a precise error', (input, message) => {
    expect(() => generateDockerfile(input)).toThrow(InputError);
    expect(() => generateDockerfile(input)).toThrow(message);
  });
});
