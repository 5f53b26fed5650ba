import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateGithubActionsWorkflow } from '@opsdeck/plugin-scaffolder-backend-module-opsdeck';
import { parse } from 'yaml';
import {
  PIPELINE_TOKEN,
  asPipeline,
  startBackend,
} from './__testUtils__/deploymentsTestBackend';

jest.setTimeout(60_000);

interface WorkflowStep {
  name?: string;
  if?: string;
  env?: Record<string, string>;
  run?: string;
}

interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
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

/** The report steps of the deploy job of one environment, by reported status. */
function reportSteps(workflow: Workflow, environment: string) {
  const found = new Map<string, { run: string; env: Record<string, string> }>();
  const workflowEnv = evaluateAll(workflow.env, {});
  for (const job of Object.values(workflow.jobs)) {
    const reports = job.steps.filter(
      step => step.run && /report deployment/i.test(step.name ?? ''),
    );
    if (reports.length === 0) continue;
    const jobEnv = evaluateAll(job.env, workflowEnv);
    for (const step of reports) {
      const env = {
        ...workflowEnv,
        ...jobEnv,
        ...evaluateAll(step.env, { ...workflowEnv, ...jobEnv }),
      };
      if (env.OPSDECK_ENVIRONMENT !== environment) continue;
      const status =
        env.OPSDECK_DEPLOY_STATUS ??
        /(started|succeeded|failed|rolled_back)/.exec(step.name ?? '')?.[1];
      if (status) found.set(status, { run: step.run!, env });
    }
  }
  return found;
}

function runBash(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      'bash',
      ['-e', '-c', script],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } },
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
      portal: { baseUrl: 'https://portal.example.com' },
    }),
  );

  it('has report steps for the deploy to production', () => {
    const steps = reportSteps(workflow, 'production');
    expect(steps.has('started')).toBe(true);
    expect(steps.has('succeeded')).toBe(true);
    expect(steps.get('started')!.env.OPSDECK_PORTAL_URL).toBe(
      'https://portal.example.com',
    );
  });

  it('stores the events its report steps send, unchanged', async () => {
    const steps = reportSteps(workflow, 'production');
    for (const status of ['started', 'succeeded']) {
      const step = steps.get(status)!;
      // the only change: the portal is the backend started here
      const result = await runBash(step.run, {
        ...step.env,
        OPSDECK_PORTAL_URL: portalUrl,
      });
      expect({ status, ...result }).toMatchObject({
        status,
        code: 0,
        stdout: expect.stringContaining(
          `reported deployment ${status} for production`,
        ),
      });
    }
    const summary = await asPipeline(server)
      .get('/summary')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(summary.status).toBe(200);
    const [production] = summary.body.environments;
    expect(production).toMatchObject({
      environment: 'production',
      current: {
        entityRef: 'component:default/checkout-service',
        version: GITHUB_CONTEXT['github.sha'],
        commitSha: GITHUB_CONTEXT['github.sha'],
        status: 'succeeded',
        strategy: 'rolling',
        runUrl:
          'https://github.com/acme/checkout-service/actions/runs/9876543210',
      },
    });

    // a re-run of the same step is recognised as the same event
    const again = await runBash(steps.get('succeeded')!.run, {
      ...steps.get('succeeded')!.env,
      OPSDECK_PORTAL_URL: portalUrl,
    });
    expect(again.code).toBe(0);
    const history = await asPipeline(server)
      .get('/history')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(history.body.totalCount).toBe(1);
  });

  it('warns without failing the deploy when the token is refused', async () => {
    const step = reportSteps(workflow, 'production').get('failed')!;
    const result = await runBash(step.run, {
      ...step.env,
      OPSDECK_PORTAL_URL: portalUrl,
      OPSDECK_PORTAL_TOKEN: 'not-the-pipeline-token',
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('could not report the deployment');
    const summary = await asPipeline(server)
      .get('/summary')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(summary.body.environments[0].latest.status).toBe('succeeded');
  });
});
