import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseOverrideStore } from './DatabaseOverrideStore';
import { migratedClient } from './migrate';

jest.setTimeout(60_000);

describe('on-call stores', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function stores() {
      const knex = await databases.init(databaseId);
      const client = await migratedClient({
        getClient: async () => knex,
        migrations: { skip: false },
      });
      await client('oncall_incident_timeline').delete();
      await client('oncall_incidents').delete();
      await client('oncall_overrides').delete();
      return {
        knex: client,
        incidents: DatabaseIncidentStore.create(client),
        overrides: DatabaseOverrideStore.create(client),
      };
    }

    it('creates, acknowledges and resolves an incident with its timeline', async () => {
      const { incidents } = await stores();
      const created = await incidents.createIncident({
        entityRef: 'component:default/checkout-service',
        title: 'Checkout 500s',
        description: 'Line one\nline "two" with ${{ x }} and $(y)',
        severity: 'critical',
        urgency: 'high',
        assigneeRef: 'user:default/alan.turing',
        deploymentId: 'deploy-42',
        deployment: { environment: 'production', version: '1.4.2' },
        createdBy: 'user:default/guest',
        createdAt: new Date('2026-03-01T10:00:00Z'),
      });
      expect(created).toMatchObject({
        source: 'opsdeck',
        status: 'triggered',
        description: 'Line one\nline "two" with ${{ x }} and $(y)',
        createdAt: '2026-03-01T10:00:00.000Z',
        assigneeRef: 'user:default/alan.turing',
        deploymentId: 'deploy-42',
        deployment: { environment: 'production', version: '1.4.2' },
      });
      expect(created.timeline).toEqual([
        expect.objectContaining({
          type: 'state',
          status: 'triggered',
          at: '2026-03-01T10:00:00.000Z',
        }),
      ]);

      await incidents.addNote({
        id: created.id,
        author: 'user:default/alan.turing',
        at: new Date('2026-03-01T10:02:00Z'),
        text: 'Rolling back',
      });
      const acked = await incidents.changeStatus({
        id: created.id,
        status: 'acknowledged',
        author: 'user:default/alan.turing',
        at: new Date('2026-03-01T10:01:00Z'),
      });
      expect(acked?.status).toBe('acknowledged');
      expect(acked?.acknowledgedAt).toBe('2026-03-01T10:01:00.000Z');

      const resolved = await incidents.changeStatus({
        id: created.id,
        status: 'resolved',
        author: 'user:default/alan.turing',
        at: new Date('2026-03-01T10:30:00Z'),
        text: 'Rolled back',
      });
      expect(resolved?.status).toBe('resolved');
      expect(resolved?.timeline.map(e => [e.type, e.status ?? e.text])).toEqual(
        [
          ['state', 'triggered'],
          ['state', 'acknowledged'],
          ['note', 'Rolling back'],
          ['state', 'resolved'],
        ],
      );
    });

    it('refuses a transition out of resolved and leaves the incident unchanged', async () => {
      const { incidents } = await stores();
      const created = await incidents.createIncident({
        entityRef: 'component:default/a',
        title: 't',
        severity: 'info',
        urgency: 'low',
        createdBy: 'user:default/guest',
        createdAt: new Date('2026-03-01T10:00:00Z'),
      });
      await incidents.changeStatus({
        id: created.id,
        status: 'resolved',
        author: 'u',
        at: new Date(),
      });
      await expect(
        incidents.changeStatus({
          id: created.id,
          status: 'acknowledged',
          author: 'u',
          at: new Date(),
        }),
      ).rejects.toThrow(ConflictError);
      const after = await incidents.getIncident(created.id);
      expect(after?.status).toBe('resolved');
      expect(after?.timeline).toHaveLength(2);
    });

    it('returns undefined for unknown incidents', async () => {
      const { incidents } = await stores();
      expect(await incidents.getIncident('nope')).toBeUndefined();
      expect(
        await incidents.changeStatus({
          id: 'nope',
          status: 'resolved',
          author: 'u',
          at: new Date(),
        }),
      ).toBeUndefined();
      expect(
        await incidents.addNote({
          id: 'nope',
          author: 'u',
          at: new Date(),
          text: 'x',
        }),
      ).toBeUndefined();
    });

    it('lists incidents by entity and status, newest first, with a limit', async () => {
      const { incidents } = await stores();
      for (const [i, ref] of [
        'component:default/a',
        'component:default/b',
        'component:default/a',
      ].entries()) {
        await incidents.createIncident({
          entityRef: ref,
          title: `incident ${i}`,
          severity: 'error',
          urgency: 'high',
          createdBy: 'user:default/guest',
          createdAt: new Date(Date.UTC(2026, 2, 1, 10 + i)),
        });
      }
      const forA = await incidents.listIncidents({
        entityRefs: ['component:default/a'],
        limit: 10,
      });
      expect(forA.map(i => i.title)).toEqual(['incident 2', 'incident 0']);
      await incidents.changeStatus({
        id: forA[0].id,
        status: 'resolved',
        author: 'u',
        at: new Date(),
      });
      const open = await incidents.listIncidents({
        statuses: ['triggered', 'acknowledged'],
        limit: 10,
      });
      expect(open.map(i => i.title)).toEqual(['incident 1', 'incident 0']);
      expect(await incidents.listIncidents({ limit: 1 })).toHaveLength(1);

      // the entities with incidents, each once, for visibility checks
      expect(await incidents.listIncidentEntityRefs({})).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(
        await incidents.listIncidentEntityRefs({ statuses: ['resolved'] }),
      ).toEqual(['component:default/a']);
      expect(
        await incidents.listIncidentEntityRefs({ statuses: ['acknowledged'] }),
      ).toEqual([]);
    });

    it('stores, lists and deletes overrides', async () => {
      const { overrides } = await stores();
      const base = {
        rotationEntityRef: 'group:default/platform',
        schedule: 'primary',
        userRef: 'user:default/ada.lovelace',
        createdBy: 'user:default/guest',
      };
      const past = await overrides.createOverride({
        ...base,
        start: '2026-01-01T00:00:00.000Z',
        end: '2026-01-02T00:00:00.000Z',
      });
      const future = await overrides.createOverride({
        ...base,
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
      });
      await overrides.createOverride({
        ...base,
        rotationEntityRef: 'group:default/other',
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
      });
      expect(future).toMatchObject({
        ...base,
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
      });
      const listed = await overrides.listOverrides(
        'group:default/platform',
        new Date('2026-02-01T00:00:00Z'),
      );
      expect(listed.map(o => o.id)).toEqual([future.id]);
      expect(await overrides.deleteOverride(past.id)).toBe(true);
      expect(await overrides.deleteOverride(past.id)).toBe(false);
      expect(await overrides.getOverride(past.id)).toBeUndefined();
    });
  });
});
