import { deploymentEventSchema } from '@opsdeck/plugin-deployments-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repositoryWithDeployScript } from '../__testUtils__/fakeDeployScript';
import {
  runSh,
  startPortal,
  summarizeEvents as summary,
} from '../__testUtils__/localPortal';
import {
  deployScript,
  interruptedDeployReportScript,
} from './deploymentScripts';

jest.setTimeout(60_000);

const context = {
  OPSDECK_ENTITY_REF: 'component:default/checkout',
  OPSDECK_ENVIRONMENT: 'production',
  OPSDECK_VERSION: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
  OPSDECK_COMMIT_SHA: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
  OPSDECK_RUN_ID: '4242',
  OPSDECK_RUN_ATTEMPT: '1',
  OPSDECK_RUN_URL: 'https://ci.example.com/runs/4242',
  OPSDECK_PORTAL_TOKEN: 'ci-token-123456',
  OPSDECK_CANARY_WEIGHTS: '5 25 100',
  OPSDECK_DEPLOY_SCRIPT: 'deploy/deploy.sh',
};

async function deploy(
  env: Record<string, string>,
  options: { reporting?: boolean; hook?: boolean } = {},
) {
  const portal = await startPortal(() => ({ status: 201, body: {} }));
  const repo = repositoryWithDeployScript();
  try {
    const fullEnv = { ...context, OPSDECK_PORTAL_URL: portal.url, ...env };
    const result = await runSh(
      deployScript(options.reporting === false ? undefined : {}),
      fullEnv,
      repo.dir,
    );
    const hook = options.hook
      ? await runSh(interruptedDeployReportScript({}), fullEnv, repo.dir)
      : undefined;
    for (const request of portal.received) {
      expect(request.url).toBe('/api/deployments/events');
      expect(request.auth).toBe('Bearer ci-token-123456');
    }
    const events = portal.received.map(r =>
      deploymentEventSchema.parse(r.body),
    );
    expect(new Set(events.map(e => e.eventId)).size).toBe(events.length);
    return { result, hook, events, calls: repo.calls() };
  } finally {
    repo.remove();
    await portal.close();
  }
}

describe('deployScript, run with sh against a local portal', () => {
  it.each([
    ['rolling', ['0:100:false'], ['started', 'succeeded']],
    [
      'blue-green',
      ['0:0:false', '1:100:false'],
      ['started@0:0', 'started@1:100', 'succeeded@1:100'],
    ],
    [
      'canary',
      ['0:5:false', '1:25:false', '2:100:false'],
      ['started@0:5', 'started@1:25', 'started@2:100', 'succeeded@2:100'],
    ],
  ])(
    'deploys %s step by step and reports each step with its traffic weight',
    async (strategy, calls, reported) => {
      const run = await deploy({ OPSDECK_STRATEGY: strategy });
      expect(run.result.code).toBe(0);
      expect(run.calls).toEqual(calls);
      expect(summary(run.events)).toEqual(reported);
      expect(run.events[0]).toMatchObject({
        eventId: `4242-1-production-started${
          strategy === 'rolling' ? '' : '-step0'
        }`,
        entityRef: 'component:default/checkout',
        environment: 'production',
        strategy,
        runUrl: 'https://ci.example.com/runs/4242',
      });
    },
  );

  it.each([
    [
      'canary',
      ['0:5:false', '1:25:false', '1:0:true'],
      ['started@0:5', 'started@1:25', 'failed@1:25', 'rolled_back@1:0'],
    ],
    [
      'blue-green',
      ['0:0:false', '1:100:false', '1:0:true'],
      ['started@0:0', 'started@1:100', 'failed@1:100', 'rolled_back@1:0'],
    ],
  ])(
    'rolls a failed %s step back and reports failed, then rolled_back',
    async (strategy, calls, reported) => {
      const run = await deploy(
        { OPSDECK_STRATEGY: strategy, TEST_FAIL_AT_STEP: '1' },
        { hook: true },
      );
      expect(run.result.code).toBe(1);
      expect(run.result.stderr).toContain('rolling back production');
      expect(run.calls).toEqual(calls);
      expect(summary(run.events)).toEqual(reported);
      expect(run.hook?.code).toBe(0);
    },
  );

  it('reports failed alone when the rollback fails too', async () => {
    const run = await deploy({
      OPSDECK_STRATEGY: 'canary',
      TEST_FAIL_AT_STEP: '0',
      TEST_ROLLBACK_FAILS: 'true',
    });
    expect(run.result.code).toBe(1);
    expect(run.result.stderr).toContain('the rollback of production failed');
    expect(summary(run.events)).toEqual(['started@0:5', 'failed@0:5']);
  });

  it('does not roll back a rolling deploy, it reports failed', async () => {
    const run = await deploy(
      { OPSDECK_STRATEGY: 'rolling', TEST_FAIL_AT_STEP: '0' },
      { hook: true },
    );
    expect(run.result.code).toBe(1);
    expect(run.calls).toEqual(['0:100:false']);
    expect(summary(run.events)).toEqual(['started', 'failed']);
  });

  it('reports an interrupted deploy as failed from the failure hook, once', async () => {
    const run = await deploy(
      { OPSDECK_STRATEGY: 'canary', TEST_KILL_AT_STEP: '1' },
      { hook: true },
    );
    expect(run.result.code).not.toBe(0);
    expect(summary(run.events)).toEqual([
      'started@0:5',
      'started@1:25',
      'failed',
    ]);
  });

  it('still deploys and rolls back with reporting off, sending nothing', async () => {
    const run = await deploy(
      { OPSDECK_STRATEGY: 'canary', TEST_FAIL_AT_STEP: '2' },
      { reporting: false },
    );
    expect(run.result.code).toBe(1);
    expect(run.calls).toEqual([
      '0:5:false',
      '1:25:false',
      '2:100:false',
      '2:0:true',
    ]);
    expect(run.events).toEqual([]);
  });

  it('leaves out an empty run URL and shortens over-long event ids, so events still validate', async () => {
    const run = await deploy({
      OPSDECK_STRATEGY: 'rolling',
      OPSDECK_RUN_URL: '',
      OPSDECK_RUN_ID: `jenkins-${'folder-'.repeat(40)}build-7`,
    });
    expect(run.result.code).toBe(0);
    expect(run.events).toHaveLength(2);
    for (const event of run.events) {
      expect(event.runUrl).toBeUndefined();
      expect(event.eventId).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(run.events[0].eventId).not.toBe(run.events[1].eventId);
  });

  it('keeps hostile-looking values as data: quotes and $(...) never run', async () => {
    const marker = path.join(os.tmpdir(), `opsdeck-pwned-${process.pid}`);
    const run = await deploy({
      OPSDECK_STRATEGY: 'rolling',
      OPSDECK_VERSION: `1.0"$(touch ${marker})"'\`touch ${marker}\``,
    });
    expect(run.result.code).toBe(0);
    expect(fs.existsSync(marker)).toBe(false);
    expect(run.events[0].version).toContain('$(touch');
  });

  it('never fails the deploy when the portal is down or no token is there', async () => {
    const portal = await startPortal(() => ({ status: 401, body: {} }));
    await portal.close();
    const repo = repositoryWithDeployScript();
    try {
      const down = await runSh(
        deployScript({}),
        {
          ...context,
          OPSDECK_STRATEGY: 'rolling',
          OPSDECK_PORTAL_URL: portal.url,
        },
        repo.dir,
      );
      expect(down.code).toBe(0);
      expect(down.stderr).toContain('could not report the deployment');
      const noToken = await runSh(
        deployScript({}),
        {
          ...context,
          OPSDECK_STRATEGY: 'rolling',
          OPSDECK_PORTAL_TOKEN: '',
          OPSDECK_PORTAL_URL: portal.url,
        },
        repo.dir,
      );
      expect(noToken.code).toBe(0);
      expect(noToken.stderr).toContain('no portal credentials');
    } finally {
      repo.remove();
    }
  });

  it('reports nothing from the failure hook when the deploy never began', async () => {
    const portal = await startPortal(() => ({ status: 201, body: {} }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-hook-'));
    try {
      const hook = await runSh(
        interruptedDeployReportScript({}),
        { ...context, OPSDECK_PORTAL_URL: portal.url },
        dir,
      );
      expect(hook.code).toBe(0);
      expect(portal.received).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await portal.close();
    }
  });
});
