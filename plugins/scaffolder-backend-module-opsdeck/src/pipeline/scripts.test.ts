import { errorBudgetGateRequestSchema } from '@opsdeck/plugin-slo-common';
import { runSh, startPortal } from '../__testUtils__/localPortal';
import { errorBudgetGateScript } from './scripts';

jest.setTimeout(30_000);

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

describe('the error-budget gate script, run with sh against a local portal', () => {
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
});
