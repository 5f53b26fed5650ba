import { resolve as resolvePath } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';

jest.setTimeout(240_000);

const repoRoot = resolvePath(__dirname, '../../..');

/**
 * Loads the demo catalog (the demo organisation and the templates, the
 * locations of app-config.yaml) into a real catalog backend on each supported
 * database, as the demo portal does at start.
 */
describe('the demo catalog', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'loads with every entity and relation on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Domain',
                      'Group',
                      'User',
                      'Template',
                    ],
                  },
                ],
                locations: ['examples/all.yaml', 'templates/all.yaml'].map(
                  target => ({
                    type: 'file',
                    target: resolvePath(repoRoot, target),
                  }),
                ),
              },
            },
          }),
        ],
      });
      const { port } = backend.server.address() as { port: number };

      const get = async (path: string) => {
        const response = await fetch(
          `http://localhost:${port}/api/catalog${path}`,
          { headers: { Authorization: mockCredentials.user.header() } },
        );
        return { status: response.status, body: await response.json() };
      };

      const expectedNames = [
        'domain:commerce',
        'system:shop',
        'system:discovery',
        'component:checkout-service',
        'component:payments-api',
        'component:search-service',
        'component:web-storefront',
        'resource:orders-db',
        'group:platform',
        'user:guest',
      ];
      const loadedNames = async () => {
        const { body } = await get(
          '/entities/by-query?limit=500&fields=kind,metadata.name',
        );
        return ((body.items ?? []) as Entity[]).map(
          e => `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.name}`,
        );
      };
      const fetchCheckout = async () => {
        const { status, body } = await get(
          '/entities/by-name/component/default/checkout-service',
        );
        return status === 200 ? (body as Entity) : undefined;
      };

      // Ingestion and stitching run in the background: wait (up to two
      // minutes on a busy machine) until everything has been processed.
      let names: string[] = [];
      let checkout: Entity | undefined;
      for (let attempt = 0; attempt < 480; attempt++) {
        const current = await loadedNames();
        names = current;
        checkout = await fetchCheckout();
        const complete =
          expectedNames.every(name => current.includes(name)) &&
          (checkout?.relations?.length ?? 0) >= 4;
        if (complete) break;
        await new Promise(resolve => setTimeout(resolve, 250));
      }

      expect(names).toEqual(expect.arrayContaining(expectedNames));
      expect(checkout?.spec).toMatchObject({
        owner: 'checkout-team',
        system: 'shop',
        lifecycle: 'production',
      });
      expect(checkout?.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
          { type: 'partOf', targetRef: 'system:default/shop' },
          { type: 'dependsOn', targetRef: 'resource:default/orders-db' },
          { type: 'consumesApi', targetRef: 'api:default/payments-api' },
        ]),
      );

      // The demo shows the demo company, not Opsdeck's own packages.
      expect(
        names.filter(name => /^(system|component):opsdeck/.test(name)),
      ).toEqual([]);
      // The guest's team owns demo services, so the catalog's default Owned
      // view shows them.
      const { body: guest } = await get('/entities/by-name/user/default/guest');
      expect(guest.relations).toEqual(
        expect.arrayContaining([
          { type: 'memberOf', targetRef: 'group:default/checkout-team' },
        ]),
      );

      await backend.stop();
    },
  );
});

/**
 * The repository's own catalog-info.yaml, for a catalog that registers this
 * repository: Opsdeck's System and its packages (the demo does not load it).
 */
describe("the repository's own catalog entry", () => {
  it("loads Opsdeck's System and Components", async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'System', 'Location'] }],
              locations: [
                {
                  type: 'file',
                  target: resolvePath(repoRoot, 'catalog-info.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    const expected = [
      'system:opsdeck',
      'component:opsdeck-slo-backend',
      'component:opsdeck-cost',
    ];
    let names: string[] = [];
    for (let attempt = 0; attempt < 480; attempt++) {
      const response = await fetch(
        `http://localhost:${port}/api/catalog/entities/by-query?limit=500&fields=kind,metadata.name`,
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      const body = await response.json();
      const current = ((body.items ?? []) as Entity[]).map(
        e => `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.name}`,
      );
      names = current;
      if (expected.every(name => current.includes(name))) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    expect(names).toEqual(expect.arrayContaining(expected));
    await backend.stop();
  });
});
