import { parse } from 'yaml';
import { runSh } from './localPortal';

/**
 * Runs the deploy job of a generated pipeline with sh, the way its CI system
 * would: the same scripts in the same order, with the same environment, the
 * failure hook when the job failed. CI-provided values (commit, run id,
 * secrets, OIDC tokens) come from `ci`.
 */
export type DeployJobRun = {
  /** Exit code of the job's main scripts (0 when they all passed). */
  code: number;
  stderr: string;
  /** Whether the failure hook ran. */
  hookRan: boolean;
};

/** What the CI system itself provides to a job. */
export type CiProvided = {
  commitSha: string;
  runId: string;
  runAttempt: string;
  runUrl: string;
  /** The portal token, as a secret / credential / OIDC token. */
  portalToken: string;
  /** Extra variables of the runner (e.g. the GitHub OIDC request URL). */
  runner?: Record<string, string>;
  /** Variables only the test's repository script reads (TEST_*). */
  test?: Record<string, string>;
};

/**
 * Replaces the CI system's references in job variables by the values `ci`
 * provides: `known` references exactly, `secret` ones by the portal token.
 * Any other reference fails the test: the runner would not know its value.
 */
function resolveReferences(
  variables: Record<string, unknown>,
  ci: CiProvided,
  syntax: { isReference(text: string): boolean; secret: RegExp },
  known: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => {
      const text = String(value);
      if (!syntax.isReference(text)) return [key, text];
      if (known[text] !== undefined) return [key, known[text]];
      if (key === 'OPSDECK_PORTAL_TOKEN' && syntax.secret.test(text)) {
        return [key, ci.portalToken];
      }
      throw new Error(`unresolved reference in ${key}: ${text}`);
    }),
  );
}

const resolveGithub = (env: Record<string, unknown>, ci: CiProvided) =>
  resolveReferences(
    env,
    ci,
    {
      isReference: text => text.includes('${{'),
      secret: /^\$\{\{ secrets\.[A-Z0-9_]+ \}\}$/,
    },
    {
      '${{ github.sha }}': ci.commitSha,
      '${{ github.run_id }}': ci.runId,
      '${{ github.run_attempt }}': ci.runAttempt,
      '${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}':
        ci.runUrl,
    },
  );

/** Runs `jobs.deploy-<environment>` of a generated GitHub Actions workflow. */
export async function runGithubDeployJob(
  workflow: string,
  environment: string,
  ci: CiProvided,
  cwd: string,
): Promise<DeployJobRun> {
  const document = parse(workflow);
  const job = document.jobs[`deploy-${environment}`];
  let code = 0;
  let stderr = '';
  let hookRan = false;
  for (const step of job.steps as Record<string, any>[]) {
    if (step.uses) continue;
    const condition: string | undefined = step.if;
    if (condition !== undefined && condition !== 'failure() || cancelled()') {
      throw new Error(`unexpected step condition ${condition}`);
    }
    const failed = code !== 0;
    if ((condition === undefined) === failed) continue;
    const env = resolveGithub({ ...document.env, ...job.env, ...step.env }, ci);
    const result = await runSh(
      step.run,
      { ...env, ...ci.runner, ...ci.test },
      cwd,
    );
    stderr += result.stderr;
    if (condition) {
      hookRan = true;
    } else {
      code = result.code;
    }
  }
  return { code, stderr, hookRan };
}

const resolveGitlab = (variables: Record<string, unknown>, ci: CiProvided) =>
  resolveReferences(
    variables,
    ci,
    { isReference: text => text.startsWith('$'), secret: /^\$[A-Z0-9_]+$/ },
    {
      $CI_COMMIT_SHA: ci.commitSha,
      $CI_PIPELINE_ID: ci.runId,
      $CI_JOB_ID: ci.runAttempt,
      $CI_PIPELINE_URL: ci.runUrl,
    },
  );

/** Runs the `deploy-<environment>` job of a generated `.gitlab-ci.yml`. */
export async function runGitlabDeployJob(
  pipeline: string,
  environment: string,
  ci: CiProvided,
  cwd: string,
): Promise<DeployJobRun> {
  const document = parse(pipeline);
  const job = document[`deploy-${environment}`];
  const idTokens = Object.fromEntries(
    Object.keys(job.id_tokens ?? {}).map(name => [
      name,
      name === 'OPSDECK_PORTAL_TOKEN' ? ci.portalToken : 'cloud-token',
    ]),
  );
  const env = {
    ...resolveGitlab({ ...document.variables, ...job.variables }, ci),
    ...idTokens,
    ...ci.runner,
    ...ci.test,
  };
  // before_script and script share one shell; after_script gets a new one.
  const main = await runSh(
    [...(job.before_script ?? []), ...job.script].join('\n'),
    env,
    cwd,
  );
  let stderr = main.stderr;
  let hookRan = false;
  if (job.after_script) {
    const hook = await runSh(
      job.after_script.join('\n'),
      { ...env, CI_JOB_STATUS: main.code === 0 ? 'success' : 'failed' },
      cwd,
    );
    stderr += hook.stderr;
    hookRan = true;
  }
  return { code: main.code, stderr, hookRan };
}

function groovyValue(literal: string): string {
  return literal.replace(/\\(['\\])/g, '$1');
}

function environmentLines(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/^\s+([A-Z][A-Z0-9_]*) = '((?:[^'\\]|\\.)*)'$/gm)].map(
      m => [m[1], groovyValue(m[2])],
    ),
  );
}

function shBodies(text: string): string[] {
  return [...text.matchAll(/^( *)sh '''\n([\s\S]*?)\n *'''$/gm)].map(m => {
    const indent = `${m[1]}  `;
    return m[2]
      .split('\n')
      .map(line => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
      .replace(/\\\\/g, '\\');
  });
}

/**
 * Runs the `Deploy to <environment>` stage of a generated Jenkinsfile: its
 * steps, then its `post { unsuccessful }` block when they failed, with the
 * pipeline and stage `environment` and the `withCredentials` bindings.
 */
export async function runJenkinsDeployStage(
  jenkinsfile: string,
  environment: string,
  ci: CiProvided,
  cwd: string,
): Promise<DeployJobRun> {
  const globalEnvironment = jenkinsfile.match(
    /^ {2}environment \{\n([\s\S]*?)\n {2}\}$/m,
  );
  const start = jenkinsfile.indexOf(`    stage('Deploy to ${environment}') {`);
  if (!globalEnvironment || start < 0) {
    throw new Error('no pipeline environment or deploy stage');
  }
  const next = jenkinsfile.indexOf('\n    stage(', start + 1);
  const stage = jenkinsfile.slice(start, next < 0 ? undefined : next);
  const env = {
    ...environmentLines(globalEnvironment[1]),
    ...environmentLines(stage),
    GIT_COMMIT: ci.commitSha,
    BUILD_TAG: ci.runId,
    BUILD_NUMBER: ci.runAttempt,
    BUILD_URL: ci.runUrl,
    ...(stage.includes("variable: 'OPSDECK_PORTAL_TOKEN')")
      ? { OPSDECK_PORTAL_TOKEN: ci.portalToken }
      : {}),
    ...ci.runner,
    ...ci.test,
  };
  const [steps, unsuccessful, ...rest] = shBodies(stage);
  if (rest.length > 0) {
    throw new Error('more sh steps than the deploy and its failure hook');
  }
  const main = await runSh(steps, env, cwd);
  let stderr = main.stderr;
  let hookRan = false;
  if (main.code !== 0 && unsuccessful !== undefined) {
    expectUnsuccessfulPost(stage);
    const hook = await runSh(unsuccessful, env, cwd);
    stderr += hook.stderr;
    hookRan = true;
  }
  return { code: main.code, stderr, hookRan };
}

function expectUnsuccessfulPost(stage: string) {
  if (!/\n {6}post \{\n {8}unsuccessful \{\n/.test(stage)) {
    throw new Error('the second sh step is not in post { unsuccessful }');
  }
}
