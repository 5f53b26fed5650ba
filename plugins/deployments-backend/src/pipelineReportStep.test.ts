import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateGithubActionsWorkflow } from '@opsdeck/plugin-scaffolder-backend-module-opsdeck';
import { createServer } from 'node:http';
import { parse } from 'yaml';
import {
  PIPELINE_TOKEN,
  asPipeline,
  startBackend,
} from './__testUtils__/deploymentsTestBackend';
import {
  githubClaims,
  newKeyPair,
  signToken,
  startJwksServer,
} from './__testUtils__/ciOidc';

jest.setTimeout(60_000);

interface WorkflowStep {
  name?: string;
  if?: string;
  env?: Record<string, string>;
  run?: string;
}

interface Workflow {
  env?: Record<string, string>;
  jobs: Record<
    string,
    {
      env?: Record<string, string>;
      permissions?: Record<string, string>;
      steps: WorkflowStep[];
    }
  >;
}

/** What GitHub Actions provides to the run, for the expressions the workflow uses. */
const GITHUB_CONTEXT: Record<string, string> = {
  'github.sha': '4f1c2d3e4b5a69788796a5b4c3d2e1f001122334',
  'github.run_id': '9876543210',
  'github.run_attempt': '1',
  'github.server_url': 'https://github.com',
  'github.repository': 'acme/checkout-service',
  'secrets.OPSDECK_TOKEN': PIPELINE_TOKEN,
};

/** Replaces `${{ expr }}` in a workflow value as the runner would; unknown expressions fail the test. */
function evaluate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_match, expression) => {
    if (expression in GITHUB_CONTEXT) return GITHUB_CONTEXT[expression];
    if (expression.startsWith('env.') && expression.slice(4) in env) {
      return env[expression.slice(4)];
    }
    throw new Error(`The test does not provide \${{ ${expression} }}`);
  });
}

function evaluateAll(
  values: Record<string, string> | undefined,
  env: Record<string, string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    result[name] = evaluate(String(value), { ...env, ...result });
  }
  return result;
}

/** The deploy job of one environment, with its environment evaluated. */
function deployJob(workflow: Workflow, environment: string) {
  const workflowEnv = evaluateAll(workflow.env, {});
  const name = Object.keys(workflow.jobs).find(
    id => id === `deploy-${environment}`,
  );
  if (!name) throw new Error(`No deploy job for ${environment}`);
  const job = workflow.jobs[name];
  return {
    steps: job.steps,
    env: { ...workflowEnv, ...evaluateAll(job.env, workflowEnv) },
  };
}

/**
 * Runs the `run:` steps of a job in order as the runner does: a step without
 * `if` or with `success()` runs while every earlier step succeeded, one with
 * `failure()` once one failed; `uses:` steps (checkout, cloud login) are
 * taken as succeeded. The working directory holds the repository's deploy
 * script, per the deploy contract.
 */
async function runJob(
  job: ReturnType<typeof deployJob>,
  overrides: Record<string, string>,
  deployExitCode: number,
) {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-job-'));
  await mkdir(join(dir, 'deploy'));
  await writeFile(
    join(dir, job.env.OPSDECK_DEPLOY_SCRIPT ?? 'deploy/deploy.sh'),
    `#!/bin/sh\necho "deploying step $OPSDECK_DEPLOY_STEP"\nexit ${deployExitCode}\n`,
  );
  const log: string[] = [];
  let failed = false;
  try {
    for (const step of job.steps) {
      if (!step.run) continue;
      const condition = step.if ?? 'success()';
      const runs = /failure\(\)/.test(condition)
        ? failed
        : /success\(\)/.test(condition) && !failed;
      if (!runs) continue;
      const env = {
        ...job.env,
        ...evaluateAll(step.env, job.env),
        ...overrides,
      };
      const result = await runBash(step.run, env, dir);
      log.push(result.stdout, result.stderr);
      if (result.code !== 0) failed = true;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { failed, log: log.join('\n') };
}

function runBash(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      'bash',
      ['-e', '-c', script],
      { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('the generated pipeline reporting to this API', () => {
  let server: Server;
  let portalUrl: string;

  beforeAll(async () => {
    server = await startBackend();
    const { port } = server.address() as AddressInfo;
    portalUrl = `http://127.0.0.1:${port}`;
  });

  const workflow: Workflow = parse(
    generateGithubActionsWorkflow({
      name: 'checkout-service',
      entityRef: 'component:default/checkout-service',
      language: 'node',
      environments: [{ name: 'production' }],
      strategy: 'rolling',
      portal: {
        baseUrl: 'https://portal.example.com',
        errorBudgetGate: false,
      },
    }),
  );
  const job = deployJob(workflow, 'production');
  // the only change to what CI provides: the portal is the backend started here
  const portal = () => ({ OPSDECK_PORTAL_URL: portalUrl });

  // another run of the same workflow, as GitHub numbers it
  const nextRun = (runId: string) => ({
    OPSDECK_RUN_ID: runId,
    OPSDECK_RUN_URL: `https://github.com/acme/checkout-service/actions/runs/${runId}`,
  });

  const production = async () => {
    const summary = await asPipeline(server)
      .get('/summary')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(summary.status).toBe(200);
    return summary.body.environments.find(
      (e: { environment: string }) => e.environment === 'production',
    );
  };

  it('reports a successful deploy to production', async () => {
    expect(job.env.OPSDECK_PORTAL_URL).toBe('https://portal.example.com');
    expect(
      job.steps.some(step => /report/i.test(`${step.name} ${step.run}`)),
    ).toBe(true);
    const run = await runJob(job, portal(), 0);
    expect(run.failed).toBe(false);
    expect(run.log).toContain('reported deployment succeeded for production');
    expect(await production()).toMatchObject({
      current: {
        entityRef: 'component:default/checkout-service',
        environment: 'production',
        version: GITHUB_CONTEXT['github.sha'],
        commitSha: GITHUB_CONTEXT['github.sha'],
        status: 'succeeded',
        strategy: 'rolling',
        runUrl:
          'https://github.com/acme/checkout-service/actions/runs/9876543210',
      },
    });

    // the same job run again (same run id and attempt) sends the same event
    // ids: nothing new (refused as a conflict when a timestamp moved on)
    await runJob(job, portal(), 0);
    const history = await asPipeline(server)
      .get('/history')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(history.body.totalCount).toBe(1);
  });

  it('reports a failed deploy', async () => {
    const run = await runJob(job, { ...portal(), ...nextRun('9876543211') }, 1);
    expect(run.failed).toBe(true);
    expect(run.log).toContain('reported deployment failed for production');
    const { latest, current } = await production();
    expect(latest).toMatchObject({
      status: 'failed',
      runUrl:
        'https://github.com/acme/checkout-service/actions/runs/9876543211',
    });
    expect(current.status).toBe('succeeded');
  });

  it('warns without failing the deploy when the token is refused', async () => {
    const run = await runJob(
      job,
      {
        ...portal(),
        ...nextRun('9876543212'),
        OPSDECK_PORTAL_TOKEN: 'not-the-pipeline-token',
      },
      0,
    );
    expect(run.failed).toBe(false);
    expect(run.log).toContain('could not report the deployment');
    const history = await asPipeline(server)
      .get('/history')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(history.body.totalCount).toBe(2);
  });
});

/**
 * The deploy job generated with `portal.auth: oidc` asks GitHub for an OIDC
 * token with the portal audience before each report. Here a local server
 * stands in for GitHub's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) and
 * signs GitHub-shaped tokens; the backend verifies them against a local
 * JWKS under GitHub's issuer and binds them to the entity's repository.
 */
describe('the generated pipeline reporting with a GitHub OIDC token', () => {
  const ISSUER = 'https://token.actions.githubusercontent.com';
  let server: Server;
  let portalUrl: string;
  let tokenUrl: string;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let tokenServer: ReturnType<typeof createServer>;
  /** The repository GitHub issues the job's token to. */
  let repository = 'acme/checkout-service';
  const audiences: string[] = [];

  beforeAll(async () => {
    const key = await newKeyPair();
    jwks = await startJwksServer(key);
    tokenServer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const audience = url.searchParams.get('audience') ?? '';
      audiences.push(audience);
      if (req.headers.authorization !== 'bearer request-token') {
        res.statusCode = 401;
        res.end();
        return;
      }
      const { subject, claims } = githubClaims(repository);
      signToken(key.privateKey, { issuer: ISSUER, audience, subject, claims })
        .then(value => {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ count: 1, value }));
        })
        .catch(() => {
          res.statusCode = 500;
          res.end();
        });
    });
    await new Promise<void>(resolve =>
      tokenServer.listen(0, '127.0.0.1', resolve),
    );
    tokenUrl = `http://127.0.0.1:${
      (tokenServer.address() as AddressInfo).port
    }/token?api-version=2.0`;
    server = await startBackend({
      externalAccess: [
        {
          type: 'jwks',
          options: {
            url: jwks.url,
            issuer: ISSUER,
            audience: 'opsdeck',
            algorithm: 'ES256',
            subjectPrefix: 'github',
          },
          accessRestrictions: [{ plugin: 'deployments' }],
        },
      ],
    });
    portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await jwks.close();
    await new Promise(resolve => tokenServer.close(resolve));
  });

  const workflow: Workflow = parse(
    generateGithubActionsWorkflow({
      name: 'checkout-service',
      entityRef: 'component:default/checkout-service',
      language: 'node',
      environments: [{ name: 'production' }],
      strategy: 'rolling',
      portal: {
        baseUrl: 'https://portal.example.com',
        auth: 'oidc',
        errorBudgetGate: false,
      },
    }),
  );
  const job = deployJob(workflow, 'production');
  const runner = (runId: string) => ({
    OPSDECK_PORTAL_URL: portalUrl,
    ACTIONS_ID_TOKEN_REQUEST_URL: tokenUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    OPSDECK_RUN_ID: runId,
    OPSDECK_RUN_URL: `https://github.com/acme/checkout-service/actions/runs/${runId}`,
  });
  const history = async () =>
    (
      await asPipeline(server)
        .get('/history')
        .query({ entityRef: 'component:default/checkout-service' })
    ).body.items;

  it('asks for a token with the id-token permission and the portal audience, and is accepted from its repository', async () => {
    const rawJob = workflow.jobs['deploy-production'];
    expect(rawJob.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
    });
    expect(JSON.stringify(rawJob.steps)).not.toContain('secrets.');
    const run = await runJob(job, runner('5550001'), 0);
    expect(run.failed).toBe(false);
    expect(run.log).toContain('reported deployment succeeded for production');
    expect(audiences).toContain('opsdeck');
    expect(await history()).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        runUrl: 'https://github.com/acme/checkout-service/actions/runs/5550001',
      }),
    ]);
  });

  it('is refused for an entity of another repository, without failing the deploy', async () => {
    repository = 'acme/storefront';
    const run = await runJob(job, runner('5550002'), 0);
    expect(run.failed).toBe(false);
    expect(run.log).toContain('could not report the deployment');
    expect(run.log).toContain('403');
    expect(await history()).toHaveLength(1);
  });
});
