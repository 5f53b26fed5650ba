import { DEPLOYMENT_EVENTS_PATH } from '@opsdeck/plugin-deployments-common';

/*
 * The deploy itself and its reports to the Opsdeck deployments API
 * (deploymentEventSchema). POSIX sh; values arrive only through OPSDECK_*
 * environment variables. Two marker files in the working directory tell a
 * job's failure hook whether a deploy began and whether its outcome was
 * already reported, so an interrupted deploy is reported exactly once.
 */

/** Created when the rollout begins. */
export const DEPLOY_STARTED_MARKER = '.opsdeck-deploy-started';

/** Created once the outcome (succeeded, failed, rolled back) has been reported. */
export const DEPLOY_REPORTED_MARKER = '.opsdeck-deploy-reported';

/** Clears markers a reused workspace (Jenkins) may keep from an earlier build. */
export const RESET_DEPLOY_MARKERS = `rm -f ${DEPLOY_STARTED_MARKER} ${DEPLOY_REPORTED_MARKER}`;

/** Where and how to report deployments; absent when reporting is off. */
export type DeploymentReporting = {
  /** Shell that sets OPSDECK_PORTAL_TOKEN just before each request (CI OIDC tokens are short-lived). */
  tokenPrelude?: string;
};

/**
 * A shell function `opsdeck_report STATUS [STEP WEIGHT]` that posts one
 * deployment event. It never fails the caller: an unreachable portal or
 * missing credentials only print a warning.
 */
function reporterFunction(reporting?: DeploymentReporting): string[] {
  if (!reporting) {
    return ['opsdeck_report() {', '  :', '}'];
  }
  const prelude = reporting.tokenPrelude
    ? reporting.tokenPrelude.split('\n').map(line => `  ${line}`)
    : [];
  return [
    'opsdeck_report() {',
    ...prelude,
    '  if [ -z "${OPSDECK_PORTAL_TOKEN:-}" ]; then',
    '    echo "Opsdeck: no portal credentials available, deployment $1 not reported" >&2',
    '    return 0',
    '  fi',
    '  event_id="$OPSDECK_RUN_ID-$OPSDECK_RUN_ATTEMPT-$OPSDECK_ENVIRONMENT-$1${2:+-step$2}"',
    '  if [ "${#event_id}" -gt 200 ]; then',
    '    event_id=$(printf \'%s\' "$event_id" | sha256sum | cut -c1-64)',
    '  fi',
    '  if ! body=$(jq -n \\',
    '    --arg eventId "$event_id" \\',
    '    --arg entityRef "$OPSDECK_ENTITY_REF" \\',
    '    --arg environment "$OPSDECK_ENVIRONMENT" \\',
    '    --arg version "$OPSDECK_VERSION" \\',
    '    --arg commitSha "$OPSDECK_COMMIT_SHA" \\',
    '    --arg status "$1" \\',
    '    --arg strategy "$OPSDECK_STRATEGY" \\',
    '    --arg step "${2:-}" \\',
    '    --arg trafficWeight "${3:-}" \\',
    '    --arg runUrl "${OPSDECK_RUN_URL:-}" \\',
    '    --arg timestamp "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \\',
    "    '{eventId: $eventId, entityRef: $entityRef, environment: $environment, version: $version, commitSha: $commitSha, status: $status, strategy: $strategy, timestamp: $timestamp}",
    '     + (if $step == "" then {} else {step: ($step | tonumber), trafficWeight: ($trafficWeight | tonumber)} end)',
    '     + (if $runUrl == "" then {} else {runUrl: $runUrl} end)\'); then',
    '    echo "Opsdeck: could not build the deployment event, $1 not reported" >&2',
    '    return 0',
    '  fi',
    '  if printf \'%s\' "$body" | curl --fail --silent --show-error --retry 3 --max-time 30 \\',
    '    -X POST -H "Authorization: Bearer $OPSDECK_PORTAL_TOKEN" -H "Content-Type: application/json" \\',
    `    --data-binary @- "$OPSDECK_PORTAL_URL/api/deployments${DEPLOYMENT_EVENTS_PATH}" > /dev/null; then`,
    '    echo "Opsdeck: reported deployment $1 for $OPSDECK_ENVIRONMENT${2:+ (step $2, $3% of traffic)}"',
    '  else',
    '    echo "Opsdeck: could not report the deployment (the deploy itself is not affected)" >&2',
    '  fi',
    '}',
  ];
}

/**
 * Runs the repository's deploy script once per rollout step: one step for
 * rolling, two for blue-green (deploy the idle colour at 0% of traffic, then
 * switch to 100%), one per weight for canary. The script receives
 * OPSDECK_DEPLOY_STEP and OPSDECK_TRAFFIC_WEIGHT.
 *
 * When a canary or blue-green step fails, the deploy script runs once more
 * with OPSDECK_ROLLBACK=true and OPSDECK_TRAFFIC_WEIGHT=0 to send all traffic
 * back to the previous version, and the job fails.
 *
 * With reporting on, it reports `started` (for canary and blue-green: one
 * event per step, carrying the step and its traffic weight), then
 * `succeeded`, or `failed` followed by `rolled_back` when the rollback worked.
 */
export function deployScript(reporting?: DeploymentReporting): string {
  return [
    'set -eu',
    ...reporterFunction(reporting),
    'case "$OPSDECK_STRATEGY" in',
    '  canary) weights="$OPSDECK_CANARY_WEIGHTS" ;;',
    '  blue-green) weights="0 100" ;;',
    '  *) weights="100" ;;',
    'esac',
    `touch ${DEPLOY_STARTED_MARKER}`,
    'if [ "$OPSDECK_STRATEGY" = rolling ]; then',
    '  opsdeck_report started',
    'fi',
    'step=0',
    'for weight in $weights; do',
    '  if [ "$OPSDECK_STRATEGY" != rolling ]; then',
    '    opsdeck_report started "$step" "$weight"',
    '  fi',
    '  echo "Deploying $OPSDECK_VERSION to $OPSDECK_ENVIRONMENT ($OPSDECK_STRATEGY, step $step, $weight% of traffic)"',
    '  if ! OPSDECK_DEPLOY_STEP="$step" OPSDECK_TRAFFIC_WEIGHT="$weight" sh "./$OPSDECK_DEPLOY_SCRIPT"; then',
    `    touch ${DEPLOY_REPORTED_MARKER}`,
    '    if [ "$OPSDECK_STRATEGY" = rolling ]; then',
    '      echo "Opsdeck: the deploy to $OPSDECK_ENVIRONMENT failed" >&2',
    '      opsdeck_report failed',
    '      exit 1',
    '    fi',
    '    echo "Opsdeck: step $step ($weight% of traffic) failed, rolling back $OPSDECK_ENVIRONMENT" >&2',
    '    opsdeck_report failed "$step" "$weight"',
    '    if OPSDECK_ROLLBACK=true OPSDECK_DEPLOY_STEP="$step" OPSDECK_TRAFFIC_WEIGHT=0 sh "./$OPSDECK_DEPLOY_SCRIPT"; then',
    '      echo "Opsdeck: rolled back $OPSDECK_ENVIRONMENT" >&2',
    '      opsdeck_report rolled_back "$step" 0',
    '    else',
    '      echo "Opsdeck: the rollback of $OPSDECK_ENVIRONMENT failed too, it needs attention" >&2',
    '    fi',
    '    exit 1',
    '  fi',
    '  last_step="$step"',
    '  last_weight="$weight"',
    '  step=$((step + 1))',
    'done',
    `touch ${DEPLOY_REPORTED_MARKER}`,
    'if [ "$OPSDECK_STRATEGY" = rolling ]; then',
    '  opsdeck_report succeeded',
    'else',
    '  opsdeck_report succeeded "$last_step" "$last_weight"',
    'fi',
  ].join('\n');
}

/**
 * For a job's failure hook (GitHub `failure() || cancelled()`, GitLab
 * `after_script`, Jenkins `post { unsuccessful }`): reports `failed` when the
 * deploy began but was cut short (timeout, cancellation, a killed runner)
 * before it could report its outcome itself. Does nothing otherwise.
 */
export function interruptedDeployReportScript(
  reporting: DeploymentReporting,
): string {
  return [
    'set -eu',
    `if [ ! -f ${DEPLOY_STARTED_MARKER} ] || [ -f ${DEPLOY_REPORTED_MARKER} ]; then`,
    '  exit 0',
    'fi',
    ...reporterFunction(reporting),
    'opsdeck_report failed',
  ].join('\n');
}
