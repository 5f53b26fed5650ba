import {
  deploymentEventBatchSchema,
  deploymentEventSchema,
} from './deploymentEvent';

const valid = {
  eventId: 'run-4711-attempt-1-succeeded',
  entityRef: 'component:default/checkout-service',
  environment: 'production',
  version: '1.42.0',
  commitSha: '3f786850e387550fdab836ed7e6dc881de23001b',
  commitTime: '2026-11-20T09:12:00Z',
  status: 'succeeded',
  strategy: 'canary',
  step: 2,
  trafficWeight: 25,
  actor: 'alan.turing',
  runUrl: 'https://ci.example.com/runs/4711',
  timestamp: '2026-11-20T10:00:00+01:00',
};

describe('deploymentEventSchema', () => {
  it('accepts a complete event and defaults the strategy to rolling', () => {
    expect(deploymentEventSchema.parse(valid)).toEqual(valid);
    const { strategy: _, ...withoutStrategy } = valid;
    expect(deploymentEventSchema.parse(withoutStrategy).strategy).toBe(
      'rolling',
    );
  });

  it.each([
    [
      'a newline in the version',
      { version: '1.0\nmalicious: true' },
      'version',
    ],
    ['a control character in the actor', { actor: 'bob\u0007' }, 'actor'],
    ['an uppercase environment', { environment: 'Production' }, 'environment'],
    ['a path in the environment', { environment: '../prod' }, 'environment'],
    ['a non-hex commit', { commitSha: '$(rm -rf /)' }, 'commitSha'],
    ['an unknown status', { status: 'deployed' }, 'status'],
    ['a weight over 100', { trafficWeight: 150 }, 'trafficWeight'],
    ['NaN as weight', { trafficWeight: NaN }, 'trafficWeight'],
    [
      'a javascript: run URL',
      { runUrl: ['javascript', 'alert(1)'].join(':') },
      'runUrl',
    ],
    ['a date without time', { timestamp: '2026-11-20' }, 'timestamp'],
    ['a huge event id', { eventId: 'x'.repeat(201) }, 'eventId'],
    ['an empty entity ref', { entityRef: '' }, 'entityRef'],
    [
      'a right-to-left override in the actor',
      { actor: 'alice\u202Eecila' },
      'actor',
    ],
    [
      'a zero-width space in the version',
      { version: '1.4\u200B.2' },
      'version',
    ],
    [
      'an isolate in the event id',
      { eventId: 'run-1\u2066x\u2069' },
      'eventId',
    ],
    [
      'a byte order mark in the entity ref',
      { entityRef: '\uFEFFcomponent:x' },
      'entityRef',
    ],
  ])('rejects %s, naming the field', (_, change, field) => {
    const result = deploymentEventSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(issue => issue.path.join('.'))).toContain(
      field,
    );
  });

  it('limits batches to 1000 events and refuses empty ones', () => {
    expect(
      deploymentEventBatchSchema.safeParse({ events: Array(1000).fill(valid) })
        .success,
    ).toBe(true);
    expect(
      deploymentEventBatchSchema.safeParse({ events: Array(1001).fill(valid) })
        .success,
    ).toBe(false);
    expect(deploymentEventBatchSchema.safeParse({ events: [] }).success).toBe(
      false,
    );
  });
});
