import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { DatabaseDeploymentsStore } from './DatabaseDeploymentsStore';
import type { NewDeploymentEvent } from './DeploymentsStore';
import { GroupCommitEventWriter } from './GroupCommitEventWriter';

jest.setTimeout(60_000);

const ENTITY = 'component:default/checkout-service';

function event(n: number, overrides: Partial<NewDeploymentEvent> = {}) {
  return {
    eventId: `e-${n}`,
    deploymentKey: `k-${n % 5}`,
    entityRef: ENTITY,
    environment: 'production',
    version: `v${n % 5}`,
    commitSha: 'abcdef1',
    status: n >= 20 ? 'succeeded' : 'started',
    strategy: 'rolling',
    timestamp: new Date(Date.UTC(2026, 1, 1) + n * 60_000).toISOString(),
    source: 'api',
    ...overrides,
  } as NewDeploymentEvent;
}

describe('GroupCommitEventWriter', () => {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
  });

  async function setUp(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDeploymentsStore.create({
      database: mockServices.database({ knex }),
    });
    const commits: number[] = [];
    const writer = new GroupCommitEventWriter({
      store: {
        insertEvents: async (events, options) => {
          commits.push(events.length);
          return store.insertEvents(events, options);
        },
      },
      maxEventsPerCommit: 10,
    });
    return { knex, store, writer, commits };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('commits concurrent writes in groups, each with its own results', async () => {
      const { store, writer, commits } = await setUp(databaseId);
      const writes = Array.from({ length: 25 }, (_, n) =>
        writer.write([event(n)]),
      );
      // the same event twice at once: stored once
      writes.push(writer.write([event(3)]));
      const results = await Promise.all(writes);
      expect(results.slice(0, 25)).toEqual(
        Array.from({ length: 25 }, (_, n) => [
          { eventId: `e-${n}`, duplicate: false },
        ]),
      );
      expect(results[25]).toEqual([{ eventId: 'e-3', duplicate: true }]);
      // the first write alone, then groups of at most 10 events
      expect(commits[0]).toBe(1);
      expect(commits.length).toBeLessThan(26);
      expect(Math.max(...commits)).toBeLessThanOrEqual(10);
      expect(commits.reduce((a, b) => a + b, 0)).toBe(26);
      const { items } = await store.listDeployments({
        deploymentsIds: [ENTITY],
      });
      expect(items.map(d => [d.deploymentKey, d.status])).toEqual([
        ['k-4', 'succeeded'],
        ['k-3', 'succeeded'],
        ['k-2', 'succeeded'],
        ['k-1', 'succeeded'],
        ['k-0', 'succeeded'],
      ]);
    });

    it('keeps a batch larger than a group whole', async () => {
      const { writer, commits } = await setUp(databaseId);
      const big = Array.from({ length: 15 }, (_, n) => event(n));
      const [first, second] = await Promise.all([
        writer.write([event(100)]),
        writer.write(big),
      ]);
      expect(first).toHaveLength(1);
      expect(second.filter(r => !r.duplicate)).toHaveLength(15);
      expect(commits).toEqual([1, 15]);
    });
  });

  it('fails only the write that the database refuses', async () => {
    // SQLite does not enforce column lengths: the refusal needs PostgreSQL
    if (!databases.supports('POSTGRES_15')) return;
    const { knex, writer } = await setUp('POSTGRES_15');
    const writes = [
      writer.write([event(1)]),
      writer.write([event(2)]),
      // longer than the column: PostgreSQL refuses the whole statement
      writer.write([event(3, { eventId: 'x'.repeat(201) })]),
      writer.write([event(4)]),
    ];
    const settled = await Promise.allSettled(writes);
    expect(settled.map(s => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const stored = await knex('deployment_events')
      .select('event_id')
      .orderBy('event_id');
    expect(stored.map(r => r.event_id)).toEqual(['e-1', 'e-2', 'e-4']);
  });
});
