import {
  DEPLOYMENT_EVENT_STORED_TOPIC,
  deploymentEventStoredPayloadSchema,
} from './events';

const payload = {
  eventId: 'run-1-succeeded',
  deploymentsId: 'component:default/checkout',
  environment: 'production',
  version: 'v1.2.3',
  commitSha: 'abcdef1',
  status: 'succeeded',
  strategy: 'rolling',
  actor: 'ada',
  runUrl: 'https://ci.example.com/runs/1',
  timestamp: '2026-03-10T10:00:00Z',
};

describe('deployment event stored payload', () => {
  it('names its topic', () => {
    expect(DEPLOYMENT_EVENT_STORED_TOPIC).toBe(
      'opsdeck.deployments.event-stored',
    );
  });

  it('accepts a stored event', () => {
    expect(deploymentEventStoredPayloadSchema.parse(payload)).toEqual(payload);
  });

  it('rejects payloads that are not stored events', () => {
    // bad inputs: missing id, a run link that is not http(s), a bad environment,
    // a commit that is not hexadecimal, an unknown status
    for (const bad of [
      { ...payload, deploymentsId: undefined },
      { ...payload, runUrl: 'ftp://ci.example.com/run' },
      { ...payload, environment: 'Prod Env' },
      { ...payload, commitSha: 'not-hex' },
      { ...payload, status: 'exploded' },
    ]) {
      expect(deploymentEventStoredPayloadSchema.safeParse(bad).success).toBe(
        false,
      );
    }
  });
});
