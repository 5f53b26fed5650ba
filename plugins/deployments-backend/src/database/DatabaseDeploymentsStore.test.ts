import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  computeDoraMetrics,
  deriveDeployments,
} from '@opsdeck/plugin-deployments-common';
import { DatabaseDeploymentsStore } from './DatabaseDeploymentsStore';
import type { NewDeploymentEvent } from './DeploymentsStore';

jest.setTimeout(60_000);

const ENTITY = 'component:default/checkout-service';
const OTHER = 'component:default/payments-api';

function event(
  overrides: Partial<NewDeploymentEvent> &
    Pick<
      NewDeploymentEvent,
      'eventId' | 'deploymentKey' | 'status' | 'timestamp'
    >,
): NewDeploymentEvent {
  return {
    entityRef: ENTITY,
    environment: 'production',
    version: overrides.deploymentKey,
    commitSha: 'abcdef1',
    strategy: 'rolling',
    source: 'api',
    ...overrides,
  };
}

/**
 * Production history over 2026-02-01 .. 2026-02-08 (7 days), computed by hand:
 * d1 commit 02-01T00:00, deployed 02-01T06:00 (lead 6 h = 21600 s);
 * d2 commit 02-02T00:00, deployed 02-03T00:00 (lead 24 h = 86400 s);
 * d3 started 02-04T00:00, failed 02-04T00:30; d4 commit 02-04T01:00, deployed
 *   02-04T01:30 (lead 30 min = 1800 s, restores d3 after 1 h = 3600 s).
 * Deployments reaching production: 3 in 7 days (3/7 a day, high); median
 * lead time 21600 s (elite); failures 1 of 4 (0.25, nearest cluster 0.2:
 * high); recovery 3600 s (high: not under an hour).
 */
const history: NewDeploymentEvent[] = [
  event({
    eventId: 'd1-s',
    deploymentKey: 'd1',
    status: 'started',
    timestamp: '2026-02-01T05:50:00.000Z',
    commitTime: '2026-02-01T00:00:00.000Z',
  }),
  event({
    eventId: 'd1-ok',
    deploymentKey: 'd1',
    status: 'succeeded',
    timestamp: '2026-02-01T06:00:00.000Z',
  }),
  event({
    eventId: 'd2-s',
    deploymentKey: 'd2',
    status: 'started',
    timestamp: '2026-02-02T23:00:00.000Z',
    commitTime: '2026-02-02T00:00:00.000Z',
  }),
  event({
    eventId: 'd2-ok',
    deploymentKey: 'd2',
    status: 'succeeded',
    timestamp: '2026-02-03T00:00:00.000Z',
  }),
  event({
    eventId: 'd3-s',
    deploymentKey: 'd3',
    status: 'started',
    timestamp: '2026-02-04T00:00:00.000Z',
    commitTime: '2026-02-03T12:00:00.000Z',
  }),
  event({
    eventId: 'd3-x',
    deploymentKey: 'd3',
    status: 'failed',
    timestamp: '2026-02-04T00:30:00.000Z',
  }),
  event({
    eventId: 'd4-s',
    deploymentKey: 'd4',
    status: 'started',
    timestamp: '2026-02-04T01:00:00.000Z',
    commitTime: '2026-02-04T01:00:00.000Z',
  }),
  event({
    eventId: 'd4-ok',
    deploymentKey: 'd4',
    status: 'succeeded',
    timestamp: '2026-02-04T01:30:00.000Z',
  }),
  event({
    eventId: 's1-ok',
    deploymentKey: 's1',
    environment: 'staging',
    status: 'succeeded',
    timestamp: '2026-02-05T00:00:00.000Z',
  }),
  event({
    eventId: 'o1-ok',
    deploymentKey: 'o1',
    entityRef: OTHER,
    status: 'succeeded',
    timestamp: '2026-02-05T00:00:00.000Z',
  }),
];

describe('DatabaseDeploymentsStore', () => {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
  });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDeploymentsStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores events once and reports duplicates', async () => {
      const { knex, store } = await createStore(databaseId);
      const first = await store.insertEvents(history.slice(0, 2));
      expect(first).toEqual([
        { eventId: 'd1-s', duplicate: false },
        { eventId: 'd1-ok', duplicate: false },
      ]);
      const again = await store.insertEvents([
        history[1],
        history[2],
        history[2],
      ]);
      expect(again).toEqual([
        { eventId: 'd1-ok', duplicate: true },
        { eventId: 'd2-s', duplicate: false },
        { eventId: 'd2-s', duplicate: true },
      ]);
      const [{ count }] = await knex('deployment_events').count({
        count: '*',
      });
      expect(Number(count)).toBe(3);
    });

    it('keeps every event of a concurrent flood exactly once', async () => {
      const { knex, store } = await createStore(databaseId);
      const flood = Array.from({ length: 400 }, (_, i) =>
        event({
          eventId: `flood-${i}`,
          deploymentKey: `k${i % 40}`,
          status: i % 2 ? 'succeeded' : 'started',
          timestamp: new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString(),
        }),
      );
      const senders = Array.from({ length: 8 }, (_, s) =>
        (async () => {
          const results = [];
          for (let i = s; i < flood.length; i += 8) {
            results.push(
              ...(await store.insertEvents([flood[i], flood[(i + 1) % 400]])),
            );
          }
          return results;
        })(),
      );
      const results = (await Promise.all(senders)).flat();
      const written = results.filter(r => !r.duplicate).map(r => r.eventId);
      expect(new Set(written).size).toBe(written.length);
      expect(written.length).toBe(400);
      const [{ count }] = await knex('deployment_events').count({
        count: '*',
      });
      expect(Number(count)).toBe(400);
    });

    it('reads round-trip values and filters by id, environment and time', async () => {
      const { store } = await createStore(databaseId);
      await store.insertEvents([
        event({
          eventId: 'full',
          deploymentKey: 'full',
          status: 'started',
          strategy: 'canary',
          step: 3,
          trafficWeight: 25.5,
          actor: 'ci-bot "quoted" $(whoami) ${{ x }}',
          runUrl: 'https://ci.example.com/run/1',
          timestamp: '2026-02-01T00:00:00.000Z',
          commitTime: '2026-01-31T23:00:00.000Z',
        }),
        ...history,
      ]);
      const [full] = await store.listEvents({
        deploymentsIds: [ENTITY],
        to: new Date('2026-02-01T00:00:01Z'),
      });
      expect(full).toEqual({
        eventId: 'full',
        deploymentKey: 'full',
        entityRef: ENTITY,
        environment: 'production',
        version: 'full',
        commitSha: 'abcdef1',
        commitTime: '2026-01-31T23:00:00.000Z',
        status: 'started',
        strategy: 'canary',
        step: 3,
        trafficWeight: 25.5,
        actor: 'ci-bot "quoted" $(whoami) ${{ x }}',
        runUrl: 'https://ci.example.com/run/1',
        timestamp: '2026-02-01T00:00:00.000Z',
      });
      const staging = await store.listEvents({
        deploymentsIds: [ENTITY],
        environment: 'staging',
      });
      expect(staging.map(e => e.eventId)).toEqual(['s1-ok']);
      const window = await store.listEvents({
        deploymentsIds: [ENTITY, OTHER],
        from: new Date('2026-02-04T00:00:00Z'),
        to: new Date('2026-02-05T00:00:00Z'),
      });
      expect(window.map(e => e.eventId)).toEqual([
        'd3-s',
        'd3-x',
        'd4-s',
        'd4-ok',
      ]);
      expect(await store.listEnvironments(ENTITY)).toEqual([
        'production',
        'staging',
      ]);
      const latest = await store.latestEvents({
        deploymentsId: ENTITY,
        environment: 'production',
        limit: 2,
      });
      expect(latest.map(e => e.eventId)).toEqual(['d4-ok', 'd4-s']);
      const ofD3 = await store.eventsOfDeployments(['d3']);
      expect(ofD3.map(e => e.eventId).sort()).toEqual(['d3-s', 'd3-x']);
    });

    it('gives the hand-computed DORA metrics from stored events', async () => {
      const { store } = await createStore(databaseId);
      // arrive out of order: newest first
      await store.insertEvents([...history].reverse());
      const events = await store.listEvents({ deploymentsIds: [ENTITY] });
      const metrics = computeDoraMetrics(deriveDeployments(events), {
        from: '2026-02-01T00:00:00Z',
        to: '2026-02-08T00:00:00Z',
        productionEnvironments: ['production'],
      });
      expect(metrics.finishedDeployments).toBe(4);
      expect(metrics.deploymentFrequency.deployments).toBe(3);
      expect(metrics.deploymentFrequency.perDay).toBeCloseTo(3 / 7, 12);
      expect(metrics.deploymentFrequency.band).toBe('high');
      expect(metrics.leadTimeForChanges).toEqual({
        medianSeconds: 21600,
        samples: 3,
        band: 'elite',
      });
      expect(metrics.changeFailureRate).toEqual({
        failures: 1,
        rate: 0.25,
        band: 'high',
      });
      expect(metrics.failedDeploymentRecoveryTime).toEqual({
        medianSeconds: 3600,
        samples: 1,
        unrecovered: 0,
        band: 'high',
      });
    });
  });
});
