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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
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

const HAND_COMPUTED_DORA = {
  finishedDeployments: 4,
  deploymentFrequency: {
    deployments: 3,
    perDay: expect.closeTo(3 / 7, 12),
    band: 'high',
  },
  leadTimeForChanges: { medianSeconds: 21600, samples: 3, band: 'elite' },
  changeFailureRate: { failures: 1, rate: 0.25, band: 'high' },
  failedDeploymentRecoveryTime: {
    medianSeconds: 3600,
    samples: 1,
    unrecovered: 0,
    band: 'high',
  },
};

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

    it('refuses an event id of another entity or with other values, and stores nothing of that call', async () => {
      const { knex, store } = await createStore(databaseId);
      const canaryStep = event({
        eventId: 'c1-step1',
        deploymentKey: 'c1',
        status: 'started',
        strategy: 'canary',
        step: 1,
        trafficWeight: 33.3,
        actor: 'ci',
        runUrl: 'https://ci.example.com/runs/1',
        commitTime: '2026-02-01T00:00:00.000Z',
        timestamp: '2026-02-01T05:50:00.000Z',
      });
      await store.insertEvents([canaryStep]);
      const count = async () =>
        Number(
          (await knex('deployment_events').count({ count: '*' }))[0].count,
        );

      // identical re-send, also with the time in another offset and the
      // weight read back from a 4-byte real: a duplicate, not a conflict
      expect(
        await store.insertEvents([
          { ...canaryStep, timestamp: '2026-02-01T06:50:00+01:00' },
        ]),
      ).toEqual([{ eventId: 'c1-step1', duplicate: true }]);

      // the same id from another entity, in a batch with a new event
      const fresh = event({
        eventId: 'fresh',
        deploymentKey: 'f',
        status: 'succeeded',
        timestamp: '2026-02-02T00:00:00.000Z',
      });
      const otherEntity = store.insertEvents([
        fresh,
        { ...canaryStep, entityRef: OTHER },
      ]);
      await expect(otherEntity).rejects.toMatchObject({
        name: 'ConflictError',
        conflicts: [
          {
            eventId: 'c1-step1',
            entityRef: OTHER,
            otherEntity: true,
            fields: [],
          },
        ],
      });
      await expect(otherEntity).rejects.toThrow(
        `eventId "c1-step1" is already used by an event of another entity than ${OTHER}`,
      );
      // the stored entity is not named to the other sender
      await expect(otherEntity).rejects.not.toThrow(ENTITY);

      // the same id and entity with other values: the fields are named
      const changed = store.insertEvents([
        { ...canaryStep, status: 'succeeded', trafficWeight: 100 },
      ]);
      await expect(changed).rejects.toMatchObject({
        conflicts: [
          {
            otherEntity: false,
            fields: [
              { field: 'status', stored: 'started', sent: 'succeeded' },
              { field: 'trafficWeight', stored: 33.3, sent: 100 },
            ],
          },
        ],
      });
      await expect(changed).rejects.toThrow(
        'eventId "c1-step1" of component:default/checkout-service is already stored with other values: status (stored "started", sent "succeeded"), trafficWeight (stored 33.3, sent 100)',
      );
      // a field left out that was stored counts as a difference too
      const { runUrl: _runUrl, ...withoutRunUrl } = canaryStep;
      await expect(store.insertEvents([withoutRunUrl])).rejects.toThrow(
        'runUrl (stored "https://ci.example.com/runs/1", sent null)',
      );
      // the same id twice in one call with other values
      await expect(
        store.insertEvents([
          fresh,
          { ...fresh, timestamp: '2026-02-02T00:00:01.000Z' },
        ]),
      ).rejects.toThrow(
        'timestamp (stored "2026-02-02T00:00:00.000Z", sent "2026-02-02T00:00:01.000Z")',
      );
      expect(await count()).toBe(1);
      const [deployment] = (
        await store.listDeployments({
          deploymentsIds: [ENTITY, OTHER],
        })
      ).items;
      expect(deployment).toMatchObject({ status: 'started', step: 1 });
    });

    it('keeps the first event on conflicts when asked to, and says so', async () => {
      const { store } = await createStore(databaseId);
      const observed = event({
        eventId: 'argocd:prod:shop:rollout:abc:step-0',
        deploymentKey: 'r1',
        status: 'started',
        timestamp: '2026-02-01T05:50:00.000Z',
      });
      await store.insertEvents([observed], { conflicts: 'keep-first' });
      const again = await store.insertEvents(
        [
          { ...observed, timestamp: '2026-02-01T05:51:00.000Z' },
          { ...observed, entityRef: OTHER },
        ],
        { conflicts: 'keep-first' },
      );
      expect(again).toEqual([
        {
          eventId: observed.eventId,
          duplicate: true,
          conflict: expect.objectContaining({
            otherEntity: false,
            fields: [
              {
                field: 'timestamp',
                stored: '2026-02-01T05:50:00.000Z',
                sent: '2026-02-01T05:51:00.000Z',
              },
            ],
          }),
        },
        {
          eventId: observed.eventId,
          duplicate: true,
          conflict: expect.anything(),
        },
      ]);
      const events = await store.listEvents({
        deploymentsIds: [ENTITY, OTHER],
      });
      expect(events).toEqual([
        expect.objectContaining({
          entityRef: ENTITY,
          timestamp: '2026-02-01T05:50:00.000Z',
        }),
      ]);
    });

    it('refuses conflicting concurrent sends of one id: one is stored, the others get a conflict', async () => {
      const { store } = await createStore(databaseId);
      const base = event({
        eventId: 'race',
        deploymentKey: 'race',
        status: 'started',
        timestamp: '2026-02-01T05:50:00.000Z',
      });
      const outcomes = await Promise.allSettled(
        ['started', 'succeeded', 'failed'].map(status =>
          store.insertEvents([
            { ...base, status: status as NewDeploymentEvent['status'] },
          ]),
        ),
      );
      expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
      expect(
        outcomes.filter(
          o => o.status === 'rejected' && o.reason.name === 'ConflictError',
        ),
      ).toHaveLength(2);
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
      expect(metrics).toMatchObject(HAND_COMPUTED_DORA);
    });

    it('gives the hand-computed DORA metrics from the deployments table', async () => {
      const { store } = await createStore(databaseId);
      // one event at a time, newest first
      for (const e of [...history].reverse()) await store.insertEvents([e]);
      const from = new Date('2026-02-01T00:00:00Z');
      const to = new Date('2026-02-08T00:00:00Z');
      const { items } = await store.listDeployments({
        deploymentsIds: [ENTITY],
        environments: ['production'],
        finished: { from, to },
      });
      expect(items.map(d => d.deploymentKey)).toEqual(['d4', 'd3', 'd2', 'd1']);
      const metrics = computeDoraMetrics(items, {
        from: from.toISOString(),
        to: to.toISOString(),
        productionEnvironments: ['production'],
      });
      expect(metrics).toMatchObject(HAND_COMPUTED_DORA);
    });

    it('folds a deployment to the same row whatever the arrival order', async () => {
      const canary = [
        event({
          eventId: 'c-0',
          deploymentKey: 'c',
          status: 'started',
          strategy: 'canary',
          step: 0,
          trafficWeight: 10,
          actor: 'ci',
          commitTime: '2026-02-09T23:00:00.000Z',
          timestamp: '2026-02-10T00:00:00.000Z',
        }),
        event({
          eventId: 'c-1',
          deploymentKey: 'c',
          status: 'started',
          strategy: 'canary',
          step: 1,
          trafficWeight: 50,
          timestamp: '2026-02-10T00:10:00.000Z',
        }),
        event({
          eventId: 'c-ok',
          deploymentKey: 'c',
          status: 'succeeded',
          strategy: 'canary',
          timestamp: '2026-02-10T00:20:00.000Z',
        }),
        event({
          eventId: 'c-rb',
          deploymentKey: 'c',
          status: 'rolled_back',
          strategy: 'canary',
          actor: 'user:default/jane',
          timestamp: '2026-02-10T02:00:00.000Z',
        }),
      ];
      const expected = {
        deploymentKey: 'c',
        entityRef: ENTITY,
        environment: 'production',
        version: 'c',
        commitSha: 'abcdef1',
        commitTime: '2026-02-09T23:00:00.000Z',
        status: 'rolled_back',
        strategy: 'canary',
        step: 1,
        trafficWeight: 50,
        actor: 'user:default/jane',
        startedAt: '2026-02-10T00:00:00.000Z',
        updatedAt: '2026-02-10T02:00:00.000Z',
        succeededAt: '2026-02-10T00:20:00.000Z',
        failedAt: '2026-02-10T02:00:00.000Z',
      };
      for (const order of [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [2, 0, 3, 1],
      ]) {
        const { store } = await createStore(databaseId);
        for (const i of order) await store.insertEvents([canary[i]]);
        // redelivery changes nothing
        await store.insertEvents([canary[order[0]], canary[order[3]]]);
        const { items, totalCount } = await store.listDeployments({
          deploymentsIds: [ENTITY],
        });
        expect({ order, items, totalCount }).toEqual({
          order,
          items: [expected],
          totalCount: 1,
        });
      }
    });

    it('converges when the events of one deployment arrive concurrently', async () => {
      const { store } = await createStore(databaseId);
      const steps = Array.from({ length: 40 }, (_, i) =>
        event({
          eventId: `k-${i}`,
          deploymentKey: `k${i % 4}`,
          status: i >= 36 ? 'succeeded' : 'started',
          strategy: 'canary',
          step: Math.floor(i / 4),
          trafficWeight: Math.floor(i / 4) * 10,
          timestamp: new Date(Date.UTC(2026, 1, 1) + i * 60_000).toISOString(),
        }),
      );
      await Promise.all(steps.map(e => store.insertEvents([e])));
      const { items } = await store.listDeployments({
        deploymentsIds: [ENTITY],
      });
      expect(
        items.map(d => [d.deploymentKey, d.status, d.step, d.trafficWeight]),
      ).toEqual([
        ['k3', 'succeeded', 9, 90],
        ['k2', 'succeeded', 9, 90],
        ['k1', 'succeeded', 9, 90],
        ['k0', 'succeeded', 9, 90],
      ]);
      expect(items[3].startedAt).toBe('2026-02-01T00:00:00.000Z');
      expect(items[3].succeededAt).toBe('2026-02-01T00:36:00.000Z');
    });

    it('filters, orders and pages deployments', async () => {
      const { store } = await createStore(databaseId);
      await store.insertEvents(history);
      const ids = (r: { items: Array<{ deploymentKey: string }> }) =>
        r.items.map(d => d.deploymentKey);
      expect(await store.listEnvironments(ENTITY)).toEqual([
        'production',
        'staging',
      ]);
      const page = await store.listDeployments({
        deploymentsIds: [ENTITY],
        offset: 1,
        limit: 2,
      });
      expect(ids(page)).toEqual(['d4', 'd3']);
      expect(page.totalCount).toBe(5);
      expect(
        ids(
          await store.listDeployments({
            deploymentsIds: [ENTITY, OTHER],
            startedBefore: new Date('2026-02-04T00:30:00Z'),
            updatedFrom: new Date('2026-02-03T00:00:00Z'),
          }),
        ),
      ).toEqual(['d3', 'd2']);
      expect(
        ids(
          await store.listDeployments({
            deploymentsIds: [ENTITY],
            environments: ['production'],
            status: 'succeeded',
            orderBy: 'finished',
            limit: 2,
          }),
        ),
      ).toEqual(['d4', 'd2']);
      expect(
        ids(
          await store.listDeployments({
            deploymentsIds: [OTHER],
            status: 'failed',
          }),
        ),
      ).toEqual([]);
      expect(await store.listDeployments({ deploymentsIds: [] })).toEqual({
        items: [],
        totalCount: 0,
      });
    });

    it('folds events stored before the deployments table existed', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@opsdeck/plugin-deployments-backend',
        'migrations',
      );
      await knex.migrate.up({ directory, name: '202611260600_init.js' });
      const row = (
        e: string,
        key: string,
        status: string,
        time: string,
        extra: object = {},
      ) => ({
        event_id: e,
        deployment_key: key,
        deployments_id: ENTITY,
        environment: 'production',
        version: key,
        commit_sha: 'abcdef1',
        status,
        strategy: 'canary',
        event_time: Date.parse(time),
        received_at: 0,
        ...extra,
      });
      await knex('deployment_events').insert([
        row('a-ok', 'a', 'succeeded', '2026-02-01T01:00:00Z'),
        row('a-s', 'a', 'started', '2026-02-01T00:00:00Z', {
          step: 2,
          traffic_weight: 20,
          commit_time: Date.parse('2026-01-31T00:00:00Z'),
          run_url: 'https://ci.example.com/a',
        }),
        row('b-x', 'b', 'failed', '2026-02-02T00:00:00Z'),
        row('b-rb', 'b', 'rolled_back', '2026-02-02T00:00:00Z', {
          actor: 'jane',
        }),
      ]);
      const store = await DatabaseDeploymentsStore.create({
        database: mockServices.database({ knex }),
      });
      const { items } = await store.listDeployments({
        deploymentsIds: [ENTITY],
      });
      const events = await store.listEvents({ deploymentsIds: [ENTITY] });
      expect(items).toEqual(deriveDeployments(events));
      expect(items[1]).toMatchObject({
        deploymentKey: 'a',
        status: 'succeeded',
        step: 2,
        trafficWeight: 20,
        commitTime: '2026-01-31T00:00:00.000Z',
        succeededAt: '2026-02-01T01:00:00.000Z',
      });
      expect(items[0]).toMatchObject({
        deploymentKey: 'b',
        status: 'rolled_back',
        actor: 'jane',
        failedAt: '2026-02-02T00:00:00.000Z',
      });
    });

    it('links incidents once and counts the deployment as a change failure', async () => {
      const { store } = await createStore(databaseId);
      await store.insertEvents(history);
      expect(
        await store.linkIncident({ deploymentKey: 'd1', incidentRef: 'inc-1' }),
      ).toEqual({ found: true, linked: true });
      expect(
        await store.linkIncident({ deploymentKey: 'd1', incidentRef: 'inc-1' }),
      ).toEqual({ found: true, linked: false });
      expect(
        await store.linkIncident({
          deploymentKey: 'nope',
          incidentRef: 'inc-1',
        }),
      ).toEqual({ found: false, linked: false });
      // a later event of d1 refolds it and keeps the link
      await store.insertEvents([
        event({
          eventId: 'd1-late',
          deploymentKey: 'd1',
          status: 'succeeded',
          timestamp: '2026-02-01T06:05:00.000Z',
        }),
      ]);
      const { items } = await store.listDeployments({
        deploymentsIds: [ENTITY],
        environments: ['production'],
        finished: {
          from: new Date('2026-02-01T00:00:00Z'),
          to: new Date('2026-02-08T00:00:00Z'),
        },
      });
      expect(items.find(d => d.deploymentKey === 'd1')?.incidents).toBe(1);
      expect(items.find(d => d.deploymentKey === 'd2')?.incidents).toBe(
        undefined,
      );
      const metrics = computeDoraMetrics(items, {
        from: '2026-02-01T00:00:00Z',
        to: '2026-02-08T00:00:00Z',
        productionEnvironments: ['production'],
      });
      // d1 and d3 of 4; d1 (live 02-01 06:00) recovers with d2 (02-03
      // 00:00): 42 h = 151200 s; d3 3600 s; median 77400 s
      expect(metrics.changeFailureRate).toEqual({
        failures: 2,
        rate: 0.5,
        band: 'low',
      });
      expect(metrics.failedDeploymentRecoveryTime).toMatchObject({
        medianSeconds: 77400,
        samples: 2,
      });
    });
  });
});
