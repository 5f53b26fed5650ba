import {
  checkDockerfileRules,
  shellcheckRunCommands,
  validateWithDockerfileUtils,
} from './dockerfileValidators';

const GOOD = `FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM deps AS build
COPY . .
RUN npm run build --if-present

FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime
COPY --from=build /app /app
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "dist/index.js"]
`;

describe('Dockerfile validators', () => {
  it('accept a good Dockerfile', async () => {
    expect(validateWithDockerfileUtils(GOOD)).toEqual([]);
    expect(checkDockerfileRules(GOOD)).toEqual([]);
    expect(await shellcheckRunCommands(GOOD)).toEqual([]);
  });

  it('dockerfile-utils reports bad instructions', () => {
    expect(
      validateWithDockerfileUtils('FROM node:22\nEXPOSE 99999\nCOPY\n'),
    ).not.toEqual([]);
  });

  it('shellcheck reports unsafe RUN commands', async () => {
    const problems = await shellcheckRunCommands(
      'FROM a:1\nRUN rm -rf $DIR/ && cd /x\n',
    );
    expect(problems.join('\n')).toMatch(/SC2115|SC2086/);
  });

  it.each([
    ['a single stage', GOOD.split('\n\n')[2], 'not a multi-stage build'],
    [
      'an untagged image',
      GOOD.replace('node:22-bookworm-slim', 'node'),
      'has no explicit tag',
    ],
    [
      'latest',
      GOOD.replace('node:22-bookworm-slim', 'node:latest'),
      'has no explicit tag',
    ],
    [
      'a bad digest',
      GOOD.replace(':nonroot', ':nonroot@sha256:abc'),
      'malformed digest',
    ],
    [
      'no cache mount',
      GOOD.replace('--mount=type=cache,target=/root/.npm ', ''),
      'no BuildKit cache mount',
    ],
    [
      'sources before dependencies',
      GOOD.replace('COPY package.json package-lock.json ./', 'COPY . .'),
      'dependencies are installed after the sources are copied',
    ],
    [
      'root',
      GOOD.replace('USER 65532:65532', 'USER 0'),
      'final stage runs as root',
    ],
    [
      'a named user',
      GOOD.replace('USER 65532:65532', 'USER node'),
      'is not numeric',
    ],
    ['no user', GOOD.replace('USER 65532:65532\n', ''), 'is not numeric'],
    [
      'commands in the final stage',
      GOOD.replace('USER 65532', 'RUN true\nUSER 65532'),
      'the final stage runs commands',
    ],
    [
      'a shell-form entrypoint',
      GOOD.replace(
        'ENTRYPOINT ["/nodejs/bin/node", "dist/index.js"]',
        'ENTRYPOINT node dist/index.js',
      ),
      'no exec-form ENTRYPOINT',
    ],
  ])('our rules find %s', (_label, content, message) => {
    expect(checkDockerfileRules(content).join('\n')).toContain(message);
  });
});
