import { deploymentEventSchema } from '@opsdeck/plugin-deployments-common';
import {
  CiProvided,
  DeployJobRun,
  runGithubDeployJob,
  runGitlabDeployJob,
  runJenkinsDeployStage,
} from '../__testUtils__/deployJobRunner';
import { repositoryWithDeployScript } from '../__testUtils__/fakeDeployScript';
import {
  startPortal,
  summarizeEvents as summary,
} from '../__testUtils__/localPortal';
import { generateGithubActionsWorkflow } from './githubActions';
import { generateGitlabCi } from './gitlabCi';
import { generateJenkinsfile } from './jenkinsfile';

jest.setTimeout(60_000);

/*
 * The deploy job of each generated pipeline, run with sh against a local
 * portal: every request body it sends must be a valid deploymentEventSchema
 * event, in the order a rollout produces them.
 */

type CiSystem = {
  name: string;
  /** GitLab runs after_script after every job, successful or not. */
  hookAlwaysRuns: boolean;
  generate(parameters: unknown): string;
  run(
    file: string,
    environment: string,
    ci: CiProvided,
    cwd: string,
  ): Promise<DeployJobRun>;
};

const CI_SYSTEMS: CiSystem[] = [
  {
    name: 'GitHub Actions',
    hookAlwaysRuns: false,
    generate: generateGithubActionsWorkflow,
    run: runGithubDeployJob,
  },
  {
    name: 'GitLab CI',
    hookAlwaysRuns: true,
    generate: generateGitlabCi,
    run: runGitlabDeployJob,
  },
  {
    name: 'Jenkins',
    hookAlwaysRuns: false,
    generate: generateJenkinsfile,
    run: runJenkinsDeployStage,
  },
];

const CI: CiProvided = {
  commitSha: '3f786850e387550fdab836ed7e6dc881de23001b',
  runId: '4711',
  runAttempt: '2',
  runUrl: 'https://ci.example.com/runs/4711',
  portalToken: 'portal-token-123456',
};

type Scenario = {
  title: string;
  strategy: 'rolling' | 'blue-green' | 'canary';
  test?: Record<string, string>;
  succeeds: boolean;
  hook: boolean;
  reported: string[];
};

const SCENARIOS: Scenario[] = [
  {
    title: 'a canary that succeeds: each step with its weight, then succeeded',
    strategy: 'canary',
    succeeds: true,
    hook: false,
    reported: [
      'started@0:10',
      'started@1:50',
      'started@2:100',
      'succeeded@2:100',
    ],
  },
  {
    title: 'a canary failing at 50%: failed, rolled back, rolled_back',
    strategy: 'canary',
    test: { TEST_FAIL_AT_STEP: '1' },
    succeeds: false,
    hook: true,
    reported: [
      'started@0:10',
      'started@1:50',
      'failed@1:50',
      'rolled_back@1:0',
    ],
  },
  {
    title: 'a blue-green switch failing with a failing rollback: failed only',
    strategy: 'blue-green',
    test: { TEST_FAIL_AT_STEP: '1', TEST_ROLLBACK_FAILS: 'true' },
    succeeds: false,
    hook: true,
    reported: ['started@0:0', 'started@1:100', 'failed@1:100'],
  },
  {
    title: 'a rolling deploy that fails: started, failed',
    strategy: 'rolling',
    test: { TEST_FAIL_AT_STEP: '0' },
    succeeds: false,
    hook: true,
    reported: ['started', 'failed'],
  },
  {
    title: 'a canary cut short at 50%: the failure hook reports failed',
    strategy: 'canary',
    test: { TEST_KILL_AT_STEP: '1' },
    succeeds: false,
    hook: true,
    reported: ['started@0:10', 'started@1:50', 'failed'],
  },
];

async function runDeployJob(
  system: CiSystem,
  parameters: Record<string, unknown>,
  ci: CiProvided,
  options: {
    runner?: (portalUrl: string) => Record<string, string>;
    gateAllows?: boolean;
  } = {},
) {
  const { runner, gateAllows = true } = options;
  const portal = await startPortal(request => {
    if (request.url === '/api/slo/gate') {
      return {
        status: 200,
        body: gateAllows
          ? { allowed: true, reason: 'budget left', slos: [] }
          : { allowed: false, reason: 'error budget exhausted', slos: [] },
      };
    }
    if (request.url === '/oidc/token?api-version=2.0&audience=opsdeck') {
      return { status: 200, body: { value: ci.portalToken } };
    }
    return { status: 201, body: {} };
  });
  const repo = repositoryWithDeployScript();
  try {
    const file = system.generate({
      name: 'checkout',
      language: 'node',
      canaryWeights: [10, 50, 100],
      ...parameters,
      portal: { baseUrl: portal.url, ...(parameters.portal as object) },
    });
    const run = await system.run(
      file,
      'production',
      { ...ci, runner: runner?.(portal.url) },
      repo.dir,
    );
    const tokenRequests = portal.received.filter(r =>
      r.url.startsWith('/oidc/'),
    );
    const gate = portal.received.filter(r => r.url === '/api/slo/gate');
    const reports = portal.received.filter(
      r => r.url === '/api/deployments/events',
    );
    expect(gate.length + reports.length).toBe(
      portal.received.filter(r => !r.url.startsWith('/oidc/')).length,
    );
    for (const report of reports) {
      expect(report.auth).toBe(`Bearer ${ci.portalToken}`);
    }
    const events = reports.map(r => deploymentEventSchema.parse(r.body));
    return { run, events, gate, tokenRequests, calls: repo.calls() };
  } finally {
    repo.remove();
    await portal.close();
  }
}

describe.each(CI_SYSTEMS.map(s => [s.name, s] as const))(
  'the deploy job generated for %s, run against a local portal',
  (_name, system) => {
    it.each(SCENARIOS.map(s => [s.title, s] as const))(
      'reports %s',
      async (_title, scenario) => {
        const { run, events, gate } = await runDeployJob(
          system,
          { strategy: scenario.strategy },
          { ...CI, test: scenario.test },
        );
        expect(run.code === 0).toBe(scenario.succeeds);
        expect(run.hookRan).toBe(scenario.hook || system.hookAlwaysRuns);
        expect(gate).toHaveLength(1);
        expect(summary(events)).toEqual(scenario.reported);
        expect(new Set(events.map(e => e.eventId)).size).toBe(events.length);
        for (const event of events) {
          expect(event).toMatchObject({
            entityRef: 'component:default/checkout',
            environment: 'production',
            version: CI.commitSha,
            commitSha: CI.commitSha,
            strategy: scenario.strategy,
            runUrl: CI.runUrl,
          });
          expect(
            event.eventId.startsWith(
              `${CI.runId}-${CI.runAttempt}-production-`,
            ),
          ).toBe(true);
        }
      },
    );

    it('neither deploys nor reports when the error-budget gate says no', async () => {
      const { run, events, gate, calls } = await runDeployJob(
        system,
        { strategy: 'canary' },
        CI,
        { gateAllows: false },
      );
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('deploy stopped (error budget exhausted)');
      expect(gate).toHaveLength(1);
      expect(calls).toEqual([]);
      expect(events).toEqual([]);
    });

    it('sends nothing and still rolls back when reporting is off', async () => {
      const { run, events, calls } = await runDeployJob(
        system,
        {
          strategy: 'canary',
          portal: { reportDeployments: false, errorBudgetGate: false },
        },
        { ...CI, test: { TEST_FAIL_AT_STEP: '0' } },
      );
      expect(run.code).not.toBe(0);
      expect(events).toEqual([]);
      expect(calls).toEqual(['0:10:false', '0:0:true']);
    });
  },
);

describe('the GitHub Actions deploy job with portal OIDC', () => {
  it('asks the runner for an OIDC token with the portal audience for each report', async () => {
    const { events, tokenRequests } = await runDeployJob(
      CI_SYSTEMS[0],
      { strategy: 'rolling', portal: { auth: 'oidc', errorBudgetGate: false } },
      CI,
      {
        runner: portalUrl => ({
          ACTIONS_ID_TOKEN_REQUEST_URL: `${portalUrl}/oidc/token?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
        }),
      },
    );
    expect(summary(events)).toEqual(['started', 'succeeded']);
    expect(tokenRequests).toHaveLength(2);
    for (const request of tokenRequests) {
      expect(request.auth).toBe('bearer runner-request-token');
    }
  });
});
