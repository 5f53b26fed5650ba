import { changeEventOf } from './DeploymentChangeEvents';

const deployment = {
  eventId: 'run-7-succeeded',
  deploymentsId: 'component:default/checkout',
  environment: 'production',
  version: 'v1.4.0',
  commitSha: 'abcdef1234',
  status: 'succeeded' as const,
  strategy: 'canary' as const,
  actor: 'ada.lovelace',
  runUrl: 'https://ci.example.com/runs/7',
  timestamp: '2026-03-10T10:00:00Z',
};

describe('changeEventOf', () => {
  it('says what was deployed where by whom, with the run as link', () => {
    expect(changeEventOf(deployment)).toEqual({
      summary: 'Deployed v1.4.0 to production by ada.lovelace',
      timestamp: '2026-03-10T10:00:00Z',
      source: 'component:default/checkout',
      links: [{ href: 'https://ci.example.com/runs/7', text: 'Pipeline run' }],
      customDetails: {
        environment: 'production',
        version: 'v1.4.0',
        commitSha: 'abcdef1234',
        status: 'succeeded',
        strategy: 'canary',
        deploymentEventId: 'run-7-succeeded',
      },
    });
  });

  it('names rollbacks and leaves out what the pipeline did not report', () => {
    const event = changeEventOf({
      ...deployment,
      status: 'rolled_back',
      actor: undefined,
      runUrl: undefined,
    });
    expect(event.summary).toBe('Rolled back v1.4.0 to production');
    expect(event).not.toHaveProperty('links');
  });
});
