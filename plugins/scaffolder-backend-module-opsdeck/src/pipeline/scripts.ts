import { ERROR_BUDGET_GATE_PATH } from '@opsdeck/plugin-slo-common';
import type { BuildTool } from './parameters';

/*
 * Every shell script a generated pipeline runs. Scripts are POSIX sh and
 * constant for a given tool: values reach them only through environment
 * variables (OPSDECK_*), never by being pasted into the script text.
 */

const SHARD_FILTER =
  'awk -v i="$OPSDECK_SHARD_INDEX" -v n="$OPSDECK_SHARD_TOTAL" \'(NR - 1) % n == i - 1\'';

/** Shell commands of one build tool. */
export type ToolchainScripts = {
  install: string;
  lint: string;
  test: string;
};

const NODE_TEST = (runner: string) =>
  [
    'set -eu',
    `${runner} --shard="$OPSDECK_SHARD_INDEX/$OPSDECK_SHARD_TOTAL"`,
  ].join('\n');

const PYTEST = (runner: string) =>
  [
    'set -eu',
    `files=$(find . -path ./.venv -prune -o -name 'test_*.py' -print | sort | ${SHARD_FILTER})`,
    'if [ -z "$files" ]; then',
    '  echo "No test files in shard $OPSDECK_SHARD_INDEX of $OPSDECK_SHARD_TOTAL"',
    '  exit 0',
    'fi',
    '# shellcheck disable=SC2086 # one argument per test file',
    `${runner} $files`,
  ].join('\n');

const JAVA_TEST_CLASSES = `find . -path '*/src/test/java/*' -name '*Test.java' | sed 's#.*/##; s#[.]java$##' | sort | ${SHARD_FILTER}`;

/** @public */
export function toolchainScripts(tool: BuildTool): ToolchainScripts {
  switch (tool) {
    case 'npm':
      return {
        install: 'set -eu\nnpm ci',
        lint: 'set -eu\nnpm run lint',
        test: NODE_TEST('npm test --'),
      };
    case 'pnpm':
      return {
        install: 'set -eu\ncorepack enable\npnpm install --frozen-lockfile',
        lint: 'set -eu\ncorepack enable\npnpm run lint',
        test: NODE_TEST('corepack enable\npnpm test --'),
      };
    case 'yarn':
      return {
        install: 'set -eu\ncorepack enable\nyarn install --immutable',
        lint: 'set -eu\ncorepack enable\nyarn lint',
        test: NODE_TEST('corepack enable\nyarn test'),
      };
    case 'pip':
      return {
        install: 'set -eu\npython -m pip install -r requirements-dev.txt',
        lint: 'set -eu\npython -m ruff check .',
        test: PYTEST('python -m pytest'),
      };
    case 'poetry':
      return {
        install:
          'set -eu\npython -m pip install "poetry==$OPSDECK_POETRY_VERSION"\npoetry install --no-interaction --no-root',
        lint: 'set -eu\npoetry run ruff check .',
        test: PYTEST('poetry run pytest'),
      };
    case 'go':
      return {
        install: 'set -eu\ngo mod download',
        lint: 'set -eu\ngo vet ./...\ntest -z "$(gofmt -l .)"',
        test: [
          'set -eu',
          `packages=$(go list ./... | ${SHARD_FILTER})`,
          'if [ -z "$packages" ]; then',
          '  echo "No packages in shard $OPSDECK_SHARD_INDEX of $OPSDECK_SHARD_TOTAL"',
          '  exit 0',
          'fi',
          '# shellcheck disable=SC2086 # one argument per package',
          'go test -race -count=1 $packages',
        ].join('\n'),
      };
    case 'maven':
      return {
        install:
          'set -eu\nmvn --batch-mode --no-transfer-progress dependency:go-offline',
        lint: 'set -eu\nmvn --batch-mode --no-transfer-progress -DskipTests checkstyle:check',
        test: [
          'set -eu',
          `classes=$(${JAVA_TEST_CLASSES} | paste -sd, -)`,
          'if [ -z "$classes" ]; then',
          '  echo "No test classes in shard $OPSDECK_SHARD_INDEX of $OPSDECK_SHARD_TOTAL"',
          '  exit 0',
          'fi',
          'mvn --batch-mode --no-transfer-progress test -Dtest="$classes" -Dsurefire.failIfNoSpecifiedTests=false',
        ].join('\n'),
      };
    case 'gradle':
      return {
        install: 'set -eu\n./gradlew --no-daemon dependencies',
        lint: 'set -eu\n./gradlew --no-daemon check -x test',
        test: [
          'set -eu',
          `classes=$(${JAVA_TEST_CLASSES})`,
          'if [ -z "$classes" ]; then',
          '  echo "No test classes in shard $OPSDECK_SHARD_INDEX of $OPSDECK_SHARD_TOTAL"',
          '  exit 0',
          'fi',
          'set --',
          'for class in $classes; do',
          '  set -- "$@" --tests "$class"',
          'done',
          './gradlew --no-daemon test "$@"',
        ].join('\n'),
      };
    default:
      throw new Error(`unknown build tool ${tool satisfies never}`);
  }
}

/** Logs in to the registry with credentials from OPSDECK_REGISTRY_USER / OPSDECK_REGISTRY_PASSWORD. */
export const REGISTRY_LOGIN_SCRIPT = [
  'set -eu',
  'printf \'%s\' "$OPSDECK_REGISTRY_PASSWORD" | docker login "$OPSDECK_REGISTRY" --username "$OPSDECK_REGISTRY_USER" --password-stdin',
].join('\n');

/**
 * Multi-stage container build with BuildKit, pushing the image tagged with the
 * commit SHA and a registry layer cache (`:buildcache`, mode=max).
 */
export const CONTAINER_BUILD_SCRIPT = [
  'set -eu',
  'image="$OPSDECK_REGISTRY/$OPSDECK_IMAGE"',
  'set -- --file "$OPSDECK_DOCKERFILE" --tag "$image:$OPSDECK_COMMIT_SHA" \\',
  '  --cache-from "type=registry,ref=$image:buildcache" \\',
  '  --cache-to "type=registry,ref=$image:buildcache,mode=max" \\',
  '  --push',
  'if [ -n "${OPSDECK_DOCKER_TARGET:-}" ]; then',
  '  set -- "$@" --target "$OPSDECK_DOCKER_TARGET"',
  'fi',
  'docker buildx create --use --driver docker-container > /dev/null',
  'docker buildx build "$@" "$OPSDECK_DOCKER_CONTEXT"',
  'echo "Pushed $image:$OPSDECK_COMMIT_SHA"',
].join('\n');

/** Source scan for secrets over the whole history. */
export const SECRET_SCAN_SCRIPT =
  'set -eu\ngitleaks git --redact --verbose --exit-code 1 .';

/** Static analysis with Semgrep's default rules. */
export const SAST_SCRIPT =
  'set -eu\nsemgrep scan --config auto --error --metrics off';

/** Scan of the pushed image for known vulnerabilities. */
export const IMAGE_SCAN_SCRIPT = [
  'set -eu',
  'trivy image --exit-code 1 --severity CRITICAL,HIGH --ignore-unfixed "$OPSDECK_REGISTRY/$OPSDECK_IMAGE:$OPSDECK_COMMIT_SHA"',
].join('\n');

/** SPDX SBOM of the image (or of the source tree when no image is built), with Trivy. */
export const SBOM_SCRIPT = [
  'set -eu',
  'if [ -n "${OPSDECK_IMAGE:-}" ]; then',
  '  trivy image --format spdx-json --output sbom.spdx.json "$OPSDECK_REGISTRY/$OPSDECK_IMAGE:$OPSDECK_COMMIT_SHA"',
  'else',
  '  trivy fs --format spdx-json --output sbom.spdx.json .',
  'fi',
  'echo "Wrote sbom.spdx.json"',
].join('\n');

/** Makes sure curl and jq are present on images that may lack them. */
export const ENSURE_CURL_JQ_SCRIPT = [
  'set -eu',
  'if ! command -v jq > /dev/null 2>&1 || ! command -v curl > /dev/null 2>&1; then',
  '  if command -v apk > /dev/null 2>&1; then apk add --no-cache curl jq',
  '  elif command -v apt-get > /dev/null 2>&1; then apt-get update -qq && apt-get install -y -qq curl jq',
  '  elif command -v tdnf > /dev/null 2>&1; then tdnf install -y -q curl jq',
  '  elif command -v dnf > /dev/null 2>&1; then dnf install -y -q jq',
  '  elif command -v yum > /dev/null 2>&1; then yum install -y -q jq',
  '  else echo "curl and jq are required" >&2; exit 1',
  '  fi',
  'fi',
].join('\n');

/** Fetches a GitHub Actions OIDC token for the portal audience into OPSDECK_PORTAL_TOKEN. */
export const GITHUB_OIDC_PORTAL_TOKEN_PRELUDE = [
  'OPSDECK_PORTAL_TOKEN=$(curl --fail --silent --show-error --max-time 30 \\',
  '  -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \\',
  '  "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=$OPSDECK_PORTAL_AUDIENCE" | jq -r .value)',
].join('\n');

/**
 * Asks `$OPSDECK_PORTAL_URL/api/slo/gate` (errorBudgetGateRequestSchema)
 * whether the deploy may go ahead, and stops when `allowed` is not true or
 * the gate cannot be reached (fail closed).
 */
export function errorBudgetGateScript(tokenPrelude?: string): string {
  return [
    'set -eu',
    ...(tokenPrelude ? [tokenPrelude] : []),
    'body=$(jq -n --arg entityRef "$OPSDECK_ENTITY_REF" --arg environment "$OPSDECK_ENVIRONMENT" \\',
    "  '{entityRef: $entityRef, environment: $environment}')",
    'if [ -n "${OPSDECK_MIN_REMAINING_BUDGET:-}" ]; then',
    '  body=$(printf \'%s\' "$body" | jq --argjson min "$OPSDECK_MIN_REMAINING_BUDGET" \'. + {minRemainingBudget: $min}\')',
    'fi',
    'if ! response=$(printf \'%s\' "$body" | curl --fail --silent --show-error --retry 3 --max-time 30 \\',
    '  -X POST -H "Authorization: Bearer ${OPSDECK_PORTAL_TOKEN:-}" -H "Content-Type: application/json" \\',
    `  --data-binary @- "$OPSDECK_PORTAL_URL/api/slo${ERROR_BUDGET_GATE_PATH}"); then`,
    '  echo "Opsdeck error-budget gate: the portal could not be reached, deploy stopped" >&2',
    '  exit 1',
    'fi',
    'reason=$(printf \'%s\' "$response" | jq -r \'.reason // "no reason given"\')',
    'if [ "$(printf \'%s\' "$response" | jq -r \'.allowed\')" = "true" ]; then',
    '  echo "Opsdeck error-budget gate: deploy allowed ($reason)"',
    'else',
    '  echo "Opsdeck error-budget gate: deploy stopped ($reason)" >&2',
    '  exit 1',
    'fi',
  ].join('\n');
}
