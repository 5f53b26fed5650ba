import { deploymentEventSchema } from '@opsdeck/plugin-deployments-common';
import { errorBudgetGateRequestSchema } from '@opsdeck/plugin-slo-common';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  deploymentReportScript,
  DEPLOY_SCRIPT,
  errorBudgetGateScript,
} from './scripts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(30_000);

type Received = { url: string; auth?: string; body: unknown };

/** A local portal that records requests and answers like the Opsdeck backends. */
async function startPortal(
  answer: (req: Received) => { status: number; body: unknown },
) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', chunk => {
      data += chunk;
    });
    req.on('end', () => {
      const request = {
        url: req.url ?? '',
        auth: req.headers.authorization,
        body: JSON.parse(data || 'null'),
      };
      received.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function runSh(
  script: string,
  env: Record<string, string>,
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      'sh',
      ['-c', script],
      { env: { PATH: process.env.PATH, ...env }, cwd, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as any).code as number) ?? 1 : 0,
          stdout,
          stderr,
        }),
    );
  });
}

const context = {
  OPSDECK_ENTITY_REF: 'component:default/checkout',
  OPSDECK_ENVIRONMENT: 'production',
  OPSDECK_VERSION: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
  OPSDECK_COMMIT_SHA: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
  OPSDECK_STRATEGY: 'canary',
  OPSDECK_RUN_ID: '4242',
  OPSDECK_RUN_ATTEMPT: '1',
  OPSDECK_RUN_URL: 'https://ci.example.com/runs/4242',
  OPSDECK_PORTAL_TOKEN: 'ci-token-123456',
};

describe('the portal scripts, run with sh against a local portal', () => {
  it('reports a deployment event the deployments backend accepts', async () => {
    const portal = await startPortal(() => ({ status: 201, body: {} }));
    try {
      const result = await runSh(deploymentReportScript(), {
        ...context,
        OPSDECK_PORTAL_URL: portal.url,
        OPSDECK_DEPLOY_STATUS: 'started',
      });
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain(
        'Opsdeck: reported deployment started for production',
      );
      expect(portal.received).toHaveLength(1);
      const [request] = portal.received;
      expect(request.url).toBe('/api/deployments/events');
      expect(request.auth).toBe('Bearer ci-token-123456');
      const event = deploymentEventSchema.parse(request.body);
      expect(event).toMatchObject({
        eventId: '4242-1-production-started',
        entityRef: 'component:default/checkout',
        status: 'started',
        strategy: 'canary',
        runUrl: 'https://ci.example.com/runs/4242',
      });
    } finally {
      await portal.close();
    }
  });

  it('keeps hostile-looking values as data: quotes and $(...) never run', async () => {
    const portal = await startPortal(() => ({ status: 201, body: {} }));
    try {
      const marker = path.join(os.tmpdir(), `opsdeck-pwned-${process.pid}`);
      const result = await runSh(deploymentReportScript(), {
        ...context,
        OPSDECK_RUN_URL: `https://ci.example.com/"$(touch ${marker})"'\`touch ${marker}\``,
        OPSDECK_PORTAL_URL: portal.url,
        OPSDECK_DEPLOY_STATUS: 'failed',
      });
      expect(result.code).toBe(0);
      expect(fs.existsSync(marker)).toBe(false);
      expect((portal.received[0].body as any).runUrl).toContain('$(touch');
    } finally {
      await portal.close();
    }
  });

  it('never fails the deploy when the portal is down or refuses the report', async () => {
    const portal = await startPortal(() => ({ status: 401, body: {} }));
    await portal.close();
    const down = await runSh(deploymentReportScript(), {
      ...context,
      OPSDECK_PORTAL_URL: portal.url,
      OPSDECK_DEPLOY_STATUS: 'succeeded',
    });
    expect(down.code).toBe(0);
    expect(down.stderr).toContain('could not report the deployment');

    const noToken = await runSh(deploymentReportScript(), {
      ...context,
      OPSDECK_PORTAL_TOKEN: '',
      OPSDECK_PORTAL_URL: portal.url,
      OPSDECK_DEPLOY_STATUS: 'succeeded',
    });
    expect(noToken.code).toBe(0);
    expect(noToken.stderr).toContain('no portal credentials');
  });

  it('lets the deploy go ahead when the gate allows it', async () => {
    const portal = await startPortal(() => ({
      status: 200,
      body: {
        allowed: true,
        reason: '62% of the budget left',
        remainingBudget: 0.62,
        slos: [],
      },
    }));
    try {
      const result = await runSh(errorBudgetGateScript(), {
        ...context,
        OPSDECK_PORTAL_URL: portal.url,
        OPSDECK_MIN_REMAINING_BUDGET: '0.25',
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'deploy allowed (62% of the budget left)',
      );
      expect(portal.received[0].url).toBe('/api/slo/gate');
      expect(
        errorBudgetGateRequestSchema.parse(portal.received[0].body),
      ).toEqual({
        entityRef: 'component:default/checkout',
        environment: 'production',
        minRemainingBudget: 0.25,
      });
    } finally {
      await portal.close();
    }
  });

  it('stops the deploy when the budget is exhausted or the gate is unreachable', async () => {
    const portal = await startPortal(() => ({
      status: 200,
      body: {
        allowed: false,
        reason: 'error budget exhausted',
        remainingBudget: -0.1,
        slos: [],
      },
    }));
    try {
      const denied = await runSh(errorBudgetGateScript(), {
        ...context,
        OPSDECK_PORTAL_URL: portal.url,
      });
      expect(denied.code).toBe(1);
      expect(denied.stderr).toContain(
        'deploy stopped (error budget exhausted)',
      );
      expect(portal.received[0].body).toEqual({
        entityRef: 'component:default/checkout',
        environment: 'production',
      });
    } finally {
      await portal.close();
    }
    const failing = await startPortal(() => ({
      status: 500,
      body: { error: 'x' },
    }));
    try {
      const broken = await runSh(errorBudgetGateScript(), {
        ...context,
        OPSDECK_PORTAL_URL: failing.url,
      });
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('could not be reached');
    } finally {
      await failing.close();
    }
  });

  it.each([
    ['rolling', '10 50 100', ['0:100']],
    ['blue-green', '10 50 100', ['0:0', '1:100']],
    ['canary', '5 25 100', ['0:5', '1:25', '2:100']],
  ])(
    'runs the deploy script once per %s step',
    async (strategy, weights, expected) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-deploy-'));
      fs.mkdirSync(path.join(dir, 'deploy'));
      fs.writeFileSync(
        path.join(dir, 'deploy/deploy.sh'),
        'echo "$OPSDECK_DEPLOY_STEP:$OPSDECK_TRAFFIC_WEIGHT" >> steps.txt\n',
      );
      try {
        const result = await runSh(
          DEPLOY_SCRIPT,
          {
            ...context,
            OPSDECK_STRATEGY: strategy,
            OPSDECK_CANARY_WEIGHTS: weights,
            OPSDECK_DEPLOY_SCRIPT: 'deploy/deploy.sh',
          },
          dir,
        );
        expect(result.code).toBe(0);
        expect(
          fs
            .readFileSync(path.join(dir, 'steps.txt'), 'utf8')
            .trim()
            .split('\n'),
        ).toEqual(expected);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
