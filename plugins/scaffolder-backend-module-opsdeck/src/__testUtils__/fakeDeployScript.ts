import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A repository with a `deploy/deploy.sh` that records each call
 * (`step:weight:rollback`) in calls.txt and behaves as the test asks through
 * TEST_FAIL_AT_STEP (that step fails), TEST_ROLLBACK_FAILS=true (the rollback
 * fails too) and TEST_KILL_AT_STEP (that step kills the job's shell, like a
 * cancelled job or a lost runner).
 */
export function repositoryWithDeployScript() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-deploy-'));
  fs.mkdirSync(path.join(dir, 'deploy'));
  fs.writeFileSync(
    path.join(dir, 'deploy/deploy.sh'),
    [
      'echo "$OPSDECK_DEPLOY_STEP:$OPSDECK_TRAFFIC_WEIGHT:${OPSDECK_ROLLBACK:-false}" >> calls.txt',
      'if [ "${OPSDECK_ROLLBACK:-}" = true ]; then',
      '  [ "${TEST_ROLLBACK_FAILS:-}" != true ]',
      '  exit $?',
      'fi',
      'if [ "$OPSDECK_DEPLOY_STEP" = "${TEST_KILL_AT_STEP:-none}" ]; then',
      '  kill -TERM "$PPID"',
      '  sleep 1',
      'fi',
      'if [ "$OPSDECK_DEPLOY_STEP" = "${TEST_FAIL_AT_STEP:-none}" ]; then',
      '  exit 3',
      'fi',
      '',
    ].join('\n'),
  );
  return {
    dir,
    calls: (): string[] => {
      const file = path.join(dir, 'calls.txt');
      return fs.existsSync(file)
        ? fs.readFileSync(file, 'utf8').trim().split('\n')
        : [];
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
