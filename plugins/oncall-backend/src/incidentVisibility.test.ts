import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The test runs the real catalog and permission backends beside the on-call
// plugin, as an app's backend does; the plugin's own code imports neither.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
/* eslint-enable @backstage/no-mixed-plugin-imports */
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { databasePerPlugin } from './__testUtils__/databasePerPlugin';
import { oncallPlugin } from './plugin';

/*
 * The on-call plugin with the real catalog and permission backends, each on
 * its own real database: a policy hides the entities labelled `restricted`
 * from one user, and the on-call routes answer for them as for incidents and
 * overrides that do not exist.
 */

jest.setTimeout(120_000);

const RESTRICTED = 'opsdeck.test/restricted';
const INSIDER = 'user:default/alice';
const OUTSIDER = 'user:default/mallory';

const rotation = `
apiVersion: opsdeck.io/v1alpha1
kind: Rotation
metadata:
  name: vault
spec:
  timeZone: UTC
  schedules:
    - name: primary
      layers:
        - name: weekly
          start: '2026-01-05'
          handoffTime: '09:00'
          rotationLength: { weeks: 1 }
          members: [ada.lovelace, grace.hopper]
  escalationPolicy:
    levels:
      - delayMinutes: 0
        targets: [{ schedule: primary }]
`;

let files: http.Server;
let base: string;

beforeAll(async () => {
  files = http.createServer((req, res) => {
    const found = req.url === '/org/vault.rotation.yaml';
    res.writeHead(found ? 200 : 404, { 'content-type': 'text/yaml' });
    res.end(found ? rotation : 'not found');
  });
  await new Promise<void>(resolve => files.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(files.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => files.close(resolve));
});

function entity(
  kind: string,
  name: string,
  spec: object,
  options: { restricted?: boolean; annotations?: Record<string, string> } = {},
): Entity {
  const location = `url:${base}/org/org.yaml`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(options.restricted ? { labels: { [RESTRICTED]: 'true' } } : {}),
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        ...options.annotations,
      },
    },
    spec,
  };
}

const entities = (): Entity[] => [
  entity(
    'Group',
    'vault-team',
    { type: 'team', children: [] },
    {
      restricted: true,
      annotations: { 'opsdeck.io/oncall-rotation': './vault.rotation.yaml' },
    },
  ),
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity(
    'Component',
    'vault',
    { type: 'service', lifecycle: 'production', owner: 'vault-team' },
    { restricted: true },
  ),
  entity('Component', 'storefront', {
    type: 'service',
    lifecycle: 'production',
    owner: 'shop-team',
  }),
  // owned by shop-team, but hidden from the outsider like vault
  entity(
    'Component',
    'ledger',
    { type: 'service', lifecycle: 'production', owner: 'shop-team' },
    { restricted: true },
  ),
  entity('User', 'ada.lovelace', { memberOf: [] }),
  entity('User', 'grace.hopper', { memberOf: [] }),
];

/** Hands the entities to the catalog, as an entity provider does. */
const entitiesModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-entities',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: entities().map(e => ({
                entity: e,
                locationKey: 'test-entities',
              })),
            });
          },
        });
      },
    });
  },
});

/** The outsider may read every entity but the restricted ones; all else is allowed. */
const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            if (
              isPermission(req.permission, catalogEntityReadPermission) &&
              user?.info.userEntityRef === OUTSIDER
            ) {
              return createCatalogConditionalDecision(req.permission, {
                not: catalogConditions.hasLabel({ label: RESTRICTED }),
              });
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/**
 * The mock auth service, with on-behalf-of tokens that name the calling
 * plugin as actor, as real ones do: the permission backend accepts
 * conditional requests only from plugins acting for a user.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options =>
      auth.isPrincipal(options.onBehalfOf, 'user')
        ? {
            token: mockCredentials.user.token(
              options.onBehalfOf.principal.userEntityRef,
              { actor: { subject: `plugin:${plugin.getId()}` } },
            ),
          }
        : issue(options);
    return auth;
  },
});

async function start(databaseId: TestDatabaseId) {
  const { server } = await startTestBackend({
    features: [
      oncallPlugin,
      catalogPlugin,
      entitiesModule,
      permissionPlugin,
      policyModule,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      authWithActors,
      databasePerPlugin(databases, databaseId),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            reading: { allow: [{ host: new URL(base).host }] },
          },
          permission: { enabled: true },
          catalog: { rules: [{ allow: ['Component', 'Group', 'User'] }] },
        },
      }),
    ],
  });
  const as = (userRef: string) => {
    const auth = mockCredentials.user.header(userRef);
    return {
      get: (path: string) =>
        request(server).get(`/api${path}`).set('Authorization', auth),
      post: (path: string, body: object = {}) =>
        request(server)
          .post(`/api${path}`)
          .set('Authorization', auth)
          .send(body),
      delete: (path: string) =>
        request(server).delete(`/api${path}`).set('Authorization', auth),
    };
  };
  // the catalog processes and stitches the provided entities in the background
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await as(INSIDER).get('/catalog/entities');
    if (res.status === 200 && res.body.length === entities().length) break;
    if (Date.now() > deadline) {
      throw new Error(`catalog not ready: ${res.status} ${res.text}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return { insider: as(INSIDER), outsider: as(OUTSIDER) };
}

type Client = Awaited<ReturnType<typeof start>>['insider'];

async function trigger(client: Client, entityRef: string, title: string) {
  const res = await client.post('/oncall/incidents', {
    entityRef,
    title,
    severity: 'critical',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('incidents and overrides of entities the caller cannot see', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('answer 404 to the outsider, as for ones that do not exist, and stay unchanged', async () => {
      const { insider, outsider } = await start(databaseId);
      // the policy at work in the catalog itself
      expect(
        (
          await outsider.get(
            '/catalog/entities/by-name/component/default/vault',
          )
        ).status,
      ).toBe(404);
      expect(
        (await insider.get('/catalog/entities/by-name/component/default/vault'))
          .status,
      ).toBe(200);

      const hidden = await trigger(
        insider,
        'component:default/vault',
        'Vault sealed',
      );
      const visible = await trigger(
        insider,
        'component:default/storefront',
        'Storefront slow',
      );

      // detail and timeline
      const unknown = await outsider.get(
        '/oncall/incidents/00000000-0000-4000-8000-000000000000',
      );
      expect(unknown.status).toBe(404);
      const detail = await outsider.get(`/oncall/incidents/${hidden}`);
      expect(detail.status).toBe(404);
      expect(detail.body.error).toEqual({
        name: unknown.body.error.name,
        message: `Incident ${hidden} not found`,
      });
      expect(JSON.stringify(detail.body)).not.toContain('Vault sealed');
      expect((await outsider.get(`/oncall/incidents/${visible}`)).status).toBe(
        200,
      );

      // acknowledge, resolve and notes change nothing
      for (const action of ['acknowledge', 'resolve']) {
        const res = await outsider.post(
          `/oncall/incidents/${hidden}/${action}`,
          { text: 'not mine' },
        );
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`Incident ${hidden} not found`);
      }
      const note = await outsider.post(`/oncall/incidents/${hidden}/notes`, {
        text: 'peeking',
      });
      expect(note.status).toBe(404);
      const untouched = await insider.get(`/oncall/incidents/${hidden}`);
      expect(untouched.status).toBe(200);
      expect(untouched.body.status).toBe('triggered');
      expect(untouched.body.timeline.map((e: any) => e.text)).not.toContain(
        'peeking',
      );

      // the list across entities leaves hidden incidents out before the limit
      const all = await outsider.get('/oncall/incidents');
      expect(all.status).toBe(200);
      expect(all.body.items.map((i: any) => i.id)).toEqual([visible]);
      const newestOne = await outsider
        .get('/oncall/incidents')
        .query({ limit: 1 });
      expect(newestOne.body.items.map((i: any) => i.id)).toEqual([visible]);
      const insiders = await insider.get('/oncall/incidents');
      expect(insiders.body.items.map((i: any) => i.id).sort()).toEqual(
        [hidden, visible].sort(),
      );

      // routes taking the entity ref
      for (const path of [
        '/oncall/incidents?entityRef=component:default/vault',
        '/oncall/oncall?entityRef=component:default/vault',
        '/oncall/overrides?entityRef=group:default/vault-team',
      ]) {
        expect([path, (await outsider.get(path)).status]).toEqual([path, 404]);
      }
      expect(
        (
          await outsider.post('/oncall/incidents', {
            entityRef: 'component:default/vault',
            title: 'x',
            severity: 'info',
          })
        ).status,
      ).toBe(404);

      // the insider can still act on it
      const acknowledged = await insider.post(
        `/oncall/incidents/${hidden}/acknowledge`,
      );
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.status).toBe('acknowledged');
    });

    it("lists a Group's incidents with those of the entities it owns, leaving hidden ones out", async () => {
      const { insider, outsider } = await start(databaseId);
      // the catalog stitches ownerOf onto the groups after processing
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await insider.get(
          '/catalog/entities/by-name/group/default/shop-team',
        );
        const owned = (res.body.relations ?? [])
          .filter((r: any) => r.type === 'ownerOf')
          .map((r: any) => r.targetRef)
          .sort();
        if (
          owned.join() ===
          'component:default/ledger,component:default/storefront'
        ) {
          break;
        }
        if (Date.now() > deadline) throw new Error('ownerOf never stitched');
        await new Promise(resolve => setTimeout(resolve, 250));
      }

      // oldest first, a few ms apart so that newest-first order is certain
      const ids: Record<string, string> = {};
      for (const [ref, title] of [
        ['group:default/shop-team', 'Shop team paged'],
        ['component:default/storefront', 'Storefront slow'],
        ['component:default/vault', 'Vault sealed'],
        ['component:default/ledger', 'Ledger drift'],
      ]) {
        ids[title] = await trigger(insider, ref, title);
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      const list = async (client: Client, query: object) => {
        const res = await client.get('/oncall/incidents').query(query);
        expect(res.status).toBe(200);
        return res.body.items.map((i: any) => [i.title, i.entityRef]);
      };

      // its own and its components', not the other team's
      expect(
        await list(insider, { entityRef: 'group:default/shop-team' }),
      ).toEqual([
        ['Ledger drift', 'component:default/ledger'],
        ['Storefront slow', 'component:default/storefront'],
        ['Shop team paged', 'group:default/shop-team'],
      ]);
      // the owned component hidden from the outsider stays hidden
      expect(
        await list(outsider, { entityRef: 'group:default/shop-team' }),
      ).toEqual([
        ['Storefront slow', 'component:default/storefront'],
        ['Shop team paged', 'group:default/shop-team'],
      ]);
      // the limit counts the visible ones
      expect(
        await list(outsider, {
          entityRef: 'group:default/shop-team',
          limit: 1,
        }),
      ).toEqual([['Storefront slow', 'component:default/storefront']]);
      // and the status filter applies to owned entities' incidents too
      expect(
        (await insider.post(`/oncall/incidents/${ids['Ledger drift']}/resolve`))
          .status,
      ).toBe(200);
      expect(
        await list(insider, {
          entityRef: 'group:default/shop-team',
          status: 'triggered',
        }),
      ).toEqual([
        ['Storefront slow', 'component:default/storefront'],
        ['Shop team paged', 'group:default/shop-team'],
      ]);

      // the other team, and a component (no ownership to follow)
      expect(
        await list(insider, { entityRef: 'group:default/vault-team' }),
      ).toEqual([['Vault sealed', 'component:default/vault']]);
      expect(
        await list(insider, { entityRef: 'component:default/storefront' }),
      ).toEqual([['Storefront slow', 'component:default/storefront']]);
    });

    it('lets the outsider not delete an override of a rotation they cannot see', async () => {
      const { insider, outsider } = await start(databaseId);
      const day = 86_400_000;
      const created = await insider.post('/oncall/overrides', {
        entityRef: 'group:default/vault-team',
        schedule: 'primary',
        userRef: 'grace.hopper',
        start: new Date(Date.now() + day).toISOString(),
        end: new Date(Date.now() + 2 * day).toISOString(),
      });
      expect(created.status).toBe(201);
      const id = created.body.id;

      const unknown = await outsider.delete(
        '/oncall/overrides/00000000-0000-4000-8000-000000000000',
      );
      expect(unknown.status).toBe(404);
      const res = await outsider.delete(`/oncall/overrides/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`Override ${id} not found`);

      const listed = await insider.get(
        '/oncall/overrides?entityRef=group:default/vault-team',
      );
      expect(listed.body.items.map((o: any) => o.id)).toEqual([id]);
      expect((await insider.delete(`/oncall/overrides/${id}`)).status).toBe(
        204,
      );
    });
  });
});
