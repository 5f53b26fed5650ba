import { rolloutEvent } from './rolloutEvent';

const context = {
  eventIdPrefix: 'argocd:main:web:rollout',
  entityRef: 'component:default/web',
  environment: 'production',
  revision: 'c'.repeat(40),
  actor: 'argocd:main',
  observedAt: new Date('2026-03-05T10:00:00Z'),
};

describe('rolloutEvent', () => {
  it('reports a blue-green rollout waiting for promotion', () => {
    expect(
      rolloutEvent(
        {
          spec: { strategy: { blueGreen: { activeService: 'web' } } },
          status: { currentPodHash: 'new', stableRS: 'old' },
        },
        context,
      ),
    ).toEqual({
      eventId: 'argocd:main:web:rollout:new:step-0',
      entityRef: 'component:default/web',
      environment: 'production',
      version: 'cccccccccccc',
      commitSha: context.revision,
      status: 'started',
      strategy: 'blue-green',
      step: 0,
      actor: 'argocd:main',
      timestamp: '2026-03-05T10:00:00.000Z',
    });
  });

  it('takes the weight of the last setWeight step reached', () => {
    const event = rolloutEvent(
      {
        spec: {
          strategy: {
            canary: { steps: [{ setWeight: 10 }, {}, { setWeight: 40 }, {}] },
          },
        },
        status: { currentPodHash: 'new', stableRS: 'old', currentStepIndex: 3 },
      },
      context,
    );
    expect(event).toMatchObject({ step: 3, trafficWeight: 40 });
  });

  it('says nothing about a Rollout without status', () => {
    expect(
      rolloutEvent({ spec: { strategy: { canary: {} } } }, context),
    ).toBeUndefined();
  });
});
