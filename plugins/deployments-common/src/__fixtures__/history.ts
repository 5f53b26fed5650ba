import type { StoredDeploymentEvent } from '../deploymentRecord';

type Partial = Omit<
  StoredDeploymentEvent,
  'entityRef' | 'commitSha' | 'strategy' | 'eventId'
> & { eventId?: string; strategy?: StoredDeploymentEvent['strategy'] };

let counter = 0;
function event(e: Partial): StoredDeploymentEvent {
  counter += 1;
  return {
    entityRef: 'component:default/checkout-service',
    commitSha: 'abc1234',
    strategy: 'rolling',
    eventId: e.eventId ?? `${e.deploymentKey}-${e.status}-${counter}`,
    ...e,
  };
}

/**
 * A hand-made history over the period 2026-01-01 to 2026-01-11 (10 days).
 * Expected DORA values, computed by hand:
 * - A, B, C, D finish in production in the period: 4; A, B, D reached it: 3
 *   deployments, 0.3 a day (high: at least once a week).
 * - lead times A 22.5 h (81000 s), B 25 h (90000 s), D 1 h 50 min (6600 s):
 *   median 81000 s (elite: under a day).
 * - failures B (rolled back) and C (failed): 2 / 4 = 0.5 (nearest cluster
 *   0.4: low).
 * - recovery B 2 h (7200 s, success to rollback), C 2 h 30 min (9000 s,
 *   failure to D's success): median 8100 s (high: under a day).
 * E is staging, F after the period, G before it, H still in flight.
 */
export const FIXTURE_PERIOD = {
  from: '2026-01-01T00:00:00Z',
  to: '2026-01-11T00:00:00Z',
  productionEnvironments: ['production'],
};

export const fixtureEvents: StoredDeploymentEvent[] = [
  event({
    deploymentKey: 'G',
    environment: 'production',
    version: 'v0',
    status: 'started',
    timestamp: '2025-12-30T10:00:00Z',
  }),
  event({
    deploymentKey: 'G',
    environment: 'production',
    version: 'v0',
    status: 'succeeded',
    timestamp: '2025-12-30T10:10:00Z',
  }),
  event({
    deploymentKey: 'A',
    environment: 'production',
    version: 'v1',
    commitTime: '2025-12-31T12:00:00Z',
    status: 'started',
    timestamp: '2026-01-01T10:00:00Z',
    actor: 'alice',
  }),
  event({
    deploymentKey: 'A',
    environment: 'production',
    version: 'v1',
    status: 'succeeded',
    timestamp: '2026-01-01T10:30:00Z',
  }),
  event({
    deploymentKey: 'B',
    environment: 'production',
    version: 'v2',
    commitTime: '2026-01-02T00:00:00Z',
    status: 'started',
    timestamp: '2026-01-03T00:00:00Z',
  }),
  event({
    deploymentKey: 'B',
    environment: 'production',
    version: 'v2',
    status: 'succeeded',
    timestamp: '2026-01-03T01:00:00Z',
  }),
  event({
    deploymentKey: 'B',
    environment: 'production',
    version: 'v2',
    status: 'rolled_back',
    timestamp: '2026-01-03T03:00:00Z',
  }),
  event({
    deploymentKey: 'C',
    environment: 'production',
    version: 'v3',
    commitTime: '2026-01-04T00:00:00Z',
    status: 'started',
    timestamp: '2026-01-05T00:00:00Z',
  }),
  event({
    deploymentKey: 'C',
    environment: 'production',
    version: 'v3',
    status: 'failed',
    timestamp: '2026-01-05T00:20:00Z',
  }),
  event({
    deploymentKey: 'D',
    environment: 'production',
    version: 'v3.1',
    commitTime: '2026-01-05T01:00:00Z',
    status: 'started',
    timestamp: '2026-01-05T02:00:00Z',
  }),
  event({
    deploymentKey: 'D',
    environment: 'production',
    version: 'v3.1',
    status: 'succeeded',
    timestamp: '2026-01-05T02:50:00Z',
  }),
  event({
    deploymentKey: 'E',
    environment: 'staging',
    version: 'v4',
    commitTime: '2026-01-06T00:00:00Z',
    status: 'started',
    timestamp: '2026-01-06T01:00:00Z',
  }),
  event({
    deploymentKey: 'E',
    environment: 'staging',
    version: 'v4',
    status: 'succeeded',
    timestamp: '2026-01-06T01:05:00Z',
  }),
  event({
    deploymentKey: 'H',
    environment: 'production',
    version: 'v4',
    strategy: 'canary',
    status: 'started',
    step: 0,
    trafficWeight: 10,
    timestamp: '2026-01-10T00:00:00Z',
  }),
  event({
    deploymentKey: 'H',
    environment: 'production',
    version: 'v4',
    strategy: 'canary',
    status: 'started',
    step: 2,
    trafficWeight: 50,
    timestamp: '2026-01-10T00:30:00Z',
  }),
  event({
    deploymentKey: 'F',
    environment: 'production',
    version: 'v5',
    commitTime: '2026-01-11T00:00:00Z',
    status: 'started',
    timestamp: '2026-01-12T00:00:00Z',
  }),
  event({
    deploymentKey: 'F',
    environment: 'production',
    version: 'v5',
    status: 'succeeded',
    timestamp: '2026-01-12T00:30:00Z',
  }),
];
