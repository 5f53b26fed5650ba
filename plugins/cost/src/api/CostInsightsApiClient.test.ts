/**
 * @jest-environment node
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the client is tested against the real backend
import costBackend from '@opsdeck/plugin-cost-backend';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CostClient } from './CostClient';
import {
  CommunityCost,
  CostInsightsApiClient,
  parseIntervals,
} from './CostInsightsApiClient';

jest.setTimeout(120_000);

describe('parseIntervals', () => {
  it('turns repeating intervals into inclusive days', () => {
    // the parsing itself is tested in cost-common
    expect(parseIntervals('R2/P1D/2026-01-31').buckets).toEqual([
      { from: '2026-01-29', to: '2026-01-29' },
      { from: '2026-01-30', to: '2026-01-30' },
    ]);
  });

  it.each(['', 'R2/P30D', 'R2/PT1H/2020-09-01', 'R2/P30D/2020-09-01/../x'])(
    'rejects %j with an InputError',
    text => {
      expect(() => parseIntervals(text)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(/^unsupported intervals/),
        }),
      );
    },
  );
});

const fixture = (name: string) =>
  readFileSync(
    join(
      require.resolve('@opsdeck/plugin-cost-backend/package.json'),
      '../src/__fixtures__',
      name,
    ),
  );

const entity = (
  kind: string,
  name: string,
  relations: Array<[string, string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

const ENTITIES = [
  entity('Component', 'checkout-service'),
  entity('Component', 'payments-api'),
  entity('Component', 'search-service'),
  entity('Group', 'checkout-team', [
    ['ownerOf', 'component:default/checkout-service'],
    ['ownerOf', 'component:default/payments-api'],
  ]),
  entity('Group', 'search-team', [
    ['ownerOf', 'component:default/search-service'],
  ]),
  entity('Group', 'new-team'),
  entity('User', 'jane', [
    ['memberOf', 'group:default/checkout-team'],
    ['memberOf', 'group:default/architects'],
  ]),
];

const databases = TestDatabases.create();

/**
 * The real cost backend on one database, with a FOCUS file imported through
 * its import route, and the client reading it over HTTP.
 */
async function startCostBackend(databaseId: string, fixtureName: string) {
  const knex = await databases.init(databaseId as any);
  const backend = await startTestBackend({
    features: [
      costBackend,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: ENTITIES }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/cost`;
  const fetchWithToken = (url: RequestInfo | URL, init?: RequestInit) =>
    fetch(url, {
      ...init,
      headers: {
        ...init?.headers,
        Authorization: mockCredentials.user.header(),
      },
    });
  const imported = await fetchWithToken(`${baseUrl}/imports?source=demo`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv' },
    body: fixture(fixtureName),
  });
  if (imported.status !== 201) {
    throw new Error(`fixture import failed: ${await imported.text()}`);
  }
  const costApi = new CostClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: fetchWithToken },
  });
  const client = new CostInsightsApiClient(costApi, {
    catalogApi: {
      getEntityByRef: async ref =>
        ENTITIES.find(
          e =>
            `${e.kind.toLocaleLowerCase('en-US')}:default/${
              e.metadata.name
            }` === ref,
        ),
    },
  });
  /** GET a backend route: status and parsed body. */
  const get = async (path: string, query: Record<string, string>) => {
    const response = await fetchWithToken(
      `${baseUrl}/${path}?${new URLSearchParams(query)}`,
    );
    return { status: response.status, body: await response.json() };
  };
  return { client, get, stop: () => backend.stop() };
}

/** A backend started before a suite's tests and stopped after them. */
function withCostBackend(databaseId: string, fixtureName: string) {
  const backend = {} as Awaited<ReturnType<typeof startCostBackend>>;
  beforeAll(async () => {
    Object.assign(backend, await startCostBackend(databaseId, fixtureName));
  });
  afterAll(() => backend.stop());
  return backend;
}

/** A cost's series by id, one amount per day. */
const seriesOf = (costs: CommunityCost[] | undefined) =>
  Object.fromEntries(
    (costs ?? []).map(c => [c.id, c.aggregation.map(a => a.amount)]),
  );

describe.each(databases.eachSupportedId())(
  'CostInsightsApiClient on the cost backend on %s',
  databaseId => {
    const backend = withCostBackend(databaseId, 'focus-small.csv');

    it('serves a group daily cost with change, trend and breakdowns (hand-computed from the fixture)', async () => {
      const cost = await backend.client.getGroupDailyCost(
        'checkout-team',
        'R2/P1D/2026-01-03',
      );
      expect(cost.id).toBe('group:default/checkout-team');
      // checkout-service 10+5 and payments-api 20; then 11+4+2 and 20
      expect(cost.aggregation).toEqual([
        { date: '2026-01-01', amount: 35 },
        { date: '2026-01-02', amount: 37 },
      ]);
      expect(cost.change?.amount).toBe(2);
      expect(cost.change?.ratio).toBeCloseTo(2 / 35, 10);
      expect(cost.trendline).toEqual({ slope: 2, intercept: 35 });
      expect(seriesOf(cost.groupedCosts?.service)).toEqual({
        'Virtual Machines': [15, 13],
        'Managed PostgreSQL': [20, 20],
        'Block Storage': [0, 4],
      });
      expect(Object.keys(cost.groupedCosts ?? {}).sort()).toEqual([
        'category',
        'region',
        'service',
      ]);
    });

    it('serves a catalog entity daily cost', async () => {
      const cost = await backend.client.getCatalogEntityDailyCost(
        'component:default/checkout-service',
        'R2/P1D/2026-01-03',
      );
      expect(cost.aggregation.map(a => a.amount)).toEqual([15, 17]);
    });

    it('reads the user groups from the catalog', async () => {
      expect(await backend.client.getUserGroups('jane')).toEqual([
        { id: 'group:default/architects', name: 'architects' },
        { id: 'group:default/checkout-team', name: 'checkout-team' },
      ]);
      expect(await backend.client.getUserGroups('user:default/nobody')).toEqual(
        [],
      );
    });

    it('turns the group hints and anomalies into action items linking to the cost tab', async () => {
      const query = { entityRef: 'group:default/checkout-team' };
      const { hints } = (await backend.get('hints', query)).body;
      const { anomalies } = (await backend.get('anomalies', query)).body;
      const alerts = await backend.client.getAlerts('checkout-team');
      expect(alerts.map(a => a.title).sort()).toEqual(
        [
          ...hints.map((h: { title: string }) => h.title),
          ...anomalies.map(
            (a: { date: string }) => `Spend anomaly on ${a.date}`,
          ),
        ].sort(),
      );
      // February 1 (13 EUR) stands out against a baseline of mostly empty days
      expect(alerts.map(a => a.title)).toContain('Spend anomaly on 2026-02-01');
      for (const alert of alerts) {
        expect(alert.url).toBe('/catalog/default/group/checkout-team/cost');
      }
    });

    it('answers the billing date and refuses business metrics and bad intervals', async () => {
      expect(await backend.client.getLastCompleteBillingDate()).toBe(
        '2026-02-01',
      );
      await expect(
        backend.client.getDailyMetricData('dau', 'R2/P1D/2026-01-31'),
      ).rejects.toMatchObject({
        name: 'NotImplementedError',
        message: 'Opsdeck has no business metrics source',
      });
      await expect(
        backend.client.getGroupDailyCost('checkout-team', 'R2/PT1H/2026-01-03'),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/^unsupported intervals "R2\/PT1H/),
      });
    });
  },
);

/*
 * focus-accounts.csv, March 2026, EUR; accounts: 111122223333 and
 * shop-staging (SubAccountId), acc-1 (the BillingAccountId of the one row
 * without a SubAccountId). C = checkout-service, P = payments-api (both owned
 * by checkout-team), S = search-service (search-team), O = only the owner tag
 * checkout-team, - = no tags.
 *
 *   day  account       tags  ServiceCategory/ServiceName       resource  cost
 *   1    111122223333  C     Compute/Virtual Machines          i-1       10
 *   1    111122223333  P     Databases/Managed PostgreSQL      db-1      20
 *   1    111122223333  S     Compute/Virtual Machines          i-7        6
 *   1    111122223333  -     Storage/Object Storage            bucket-x   4
 *   1    111122223333  P     Compute/Virtual Machines          i-5        2
 *   2    111122223333  C     Compute/Virtual Machines          i-1       10
 *   2    111122223333  P     Databases/Managed PostgreSQL      db-1      20
 *   2    shop-staging  C     Compute/Virtual Machines          i-2        3
 *   3    111122223333  C     Compute/Virtual Machines          i-1       12
 *   3    111122223333  C     Compute/Virtual Machines          i-3        5
 *   3    111122223333  P     Databases/Managed PostgreSQL      db-1      22
 *   3    111122223333  S     Compute/Virtual Machines          i-7        6
 *   3    acc-1         C     Networking/Data Transfer          (none)     2
 *   4    111122223333  C     Compute/Virtual Machines          i-1       12
 *   4    111122223333  P     Databases/Managed PostgreSQL      db-1      22
 *   4    shop-staging  C     Compute/Virtual Machines          i-2        4
 *   4    111122223333  -     Storage/Object Storage            bucket-x   4
 *   4    111122223333  O     Compute/Kubernetes                node-1     1
 *   4    111122223333  P     Compute/Virtual Machines          i-5        3
 *
 * shop-staging rows are in region europe-west1, the others in eu-west-1.
 * R2/P2D/2026-03-05: previous period March 1-2, current March 3-4.
 */
const INTERVALS = 'R2/P2D/2026-03-05';

describe.each(databases.eachSupportedId())(
  'billing projects and product insights on %s',
  databaseId => {
    const backend = withCostBackend(databaseId, 'focus-accounts.csv');

    it("lists the accounts a group's spend is billed to, largest first, ids only", async () => {
      // checkout-team (C, P, O rows): 111122223333 10+20+2+10+20+12+5+22+12
      // +22+1+3 = 139, shop-staging 3+4 = 7, acc-1 2 (148 = 168 - S 12 - untagged 8)
      expect(await backend.client.getGroupProjects('checkout-team')).toEqual([
        { id: '111122223333' },
        { id: 'shop-staging' },
        { id: 'acc-1' },
      ]);
      expect(
        (
          await backend.get('accounts', {
            entityRef: 'group:default/checkout-team',
          })
        ).body,
      ).toEqual({
        entityRef: 'group:default/checkout-team',
        from: '2025-03-05', // 365 days up to the last day with data
        to: '2026-03-04',
        currency: 'EUR',
        accounts: [
          { id: '111122223333', amount: 139 },
          { id: 'shop-staging', amount: 7 },
          { id: 'acc-1', amount: 2 },
        ],
      });
      // search-team: S rows only, 6 + 6
      expect(
        (
          await backend.get('accounts', {
            entityRef: 'group:default/search-team',
          })
        ).body.accounts,
      ).toEqual([{ id: '111122223333', amount: 12 }]);
      expect(await backend.client.getGroupProjects('new-team')).toEqual([]);
    });

    it('serves the daily cost of everything billed to an account (hand-computed)', async () => {
      const cost = await backend.client.getProjectDailyCost(
        '111122223333',
        INTERVALS,
      );
      expect(cost.id).toBe('111122223333');
      // every team's and untagged rows of the account:
      // day 1 10+20+6+4+2, day 2 10+20, day 3 12+5+22+6, day 4 12+22+4+1+3
      expect(cost.aggregation).toEqual([
        { date: '2026-03-01', amount: 42 },
        { date: '2026-03-02', amount: 30 },
        { date: '2026-03-03', amount: 45 },
        { date: '2026-03-04', amount: 42 },
      ]);
      // current 45+42 = 87 against previous 42+30 = 72
      expect(cost.change?.amount).toBe(15);
      expect(cost.change?.ratio).toBeCloseTo(15 / 72, 10);
      // least squares over x = 0..3: mean y 39.75, sxy 7.5, sxx 5
      expect(cost.trendline?.slope).toBeCloseTo(1.5, 10);
      expect(cost.trendline?.intercept).toBeCloseTo(37.5, 10);
      expect(seriesOf(cost.groupedCosts?.service)).toEqual({
        'Virtual Machines': [18, 10, 23, 15],
        'Managed PostgreSQL': [20, 20, 22, 22],
        'Object Storage': [4, 0, 0, 4],
        Kubernetes: [0, 0, 0, 1],
      });
      expect(seriesOf(cost.groupedCosts?.category)).toEqual({
        Compute: [18, 10, 23, 16],
        Databases: [20, 20, 22, 22],
        Storage: [4, 0, 0, 4],
      });
      expect(seriesOf(cost.groupedCosts?.region)).toEqual({
        'eu-west-1': [42, 30, 45, 42],
      });

      const staging = await backend.client.getProjectDailyCost(
        'shop-staging',
        INTERVALS,
      );
      expect(staging.aggregation.map(a => a.amount)).toEqual([0, 3, 0, 4]);
      expect(staging.change).toEqual({ amount: 1, ratio: 1 / 3 });
      expect(seriesOf(staging.groupedCosts?.region)).toEqual({
        'europe-west1': [0, 3, 0, 4],
      });
      // the row without a SubAccountId is billed to its BillingAccountId
      const billing = await backend.client.getProjectDailyCost(
        'acc-1',
        INTERVALS,
      );
      expect(billing.aggregation.map(a => a.amount)).toEqual([0, 0, 2, 0]);
      expect(billing.change).toEqual({ amount: 2 });
    });

    it("breaks a category product down by component, then resource and service, in the group's scope", async () => {
      const compute = await backend.client.getProductInsights({
        product: 'compute',
        group: 'checkout-team',
        intervals: INTERVALS,
        project: null,
      });
      // Compute rows of C, P, O: previous 10+2+10+3 = 25, current
      // 12+5+12+4+1+3 = 37; S (search-team) rows are out of scope
      expect(compute.id).toBe('compute');
      expect(compute.aggregation).toEqual([25, 37]);
      expect(compute.change).toEqual({ amount: 12, ratio: 12 / 25 });
      const components = compute.entities.component;
      expect(Object.keys(compute.entities)).toEqual(['component']);
      // checkout-service 10+10+3 / 12+5+12+4, payments-api 2 / 3, the
      // owner-only row has no component (null: unlabeled in the UI)
      expect(
        components.map(c => [c.id, c.aggregation, c.change.amount]),
      ).toEqual([
        ['checkout-service', [23, 33], 10],
        ['payments-api', [2, 3], 1],
        [null, [0, 1], 1],
      ]);
      expect(components[2].change).toEqual({ amount: 1 });
      const checkout = components[0];
      expect(
        checkout.entities.resource.map(r => [r.id, r.aggregation]),
      ).toEqual([
        ['i-1', [20, 24]],
        ['i-2', [3, 4]],
        ['i-3', [0, 5]],
      ]);
      expect(checkout.entities.resource[2].change).toEqual({ amount: 5 });
      expect(checkout.entities.service.map(r => [r.id, r.aggregation])).toEqual(
        [['Virtual Machines', [23, 33]]],
      );
      expect(
        components[2].entities.service.map(r => [r.id, r.aggregation]),
      ).toEqual([['Kubernetes', [0, 1]]]);
      expect(components[2].entities.resource[0].entities).toEqual({});
    });

    it('filters product insights by project and matches ServiceNames without case, spaces or punctuation', async () => {
      const compute = await backend.client.getProductInsights({
        product: 'Compute',
        group: 'group:default/checkout-team',
        intervals: INTERVALS,
        project: '111122223333',
      });
      // without the shop-staging rows (3 and 4 of checkout-service on i-2)
      expect(compute.aggregation).toEqual([22, 33]);
      expect(compute.change).toEqual({ amount: 11, ratio: 0.5 });
      expect(
        compute.entities.component.map(c => [c.id, c.aggregation]),
      ).toEqual([
        ['checkout-service', [20, 29]],
        ['payments-api', [2, 3]],
        [null, [0, 1]],
      ]);

      // payments-api db-1: 20+20 then 22+22
      const { body } = await backend.get('product-insights', {
        product: 'managed-postgresql',
        entityRef: 'group:default/checkout-team',
        intervals: INTERVALS,
      });
      expect(body.match).toEqual({
        column: 'ServiceName',
        values: ['Managed PostgreSQL'],
      });
      expect(body).toMatchObject({
        currency: 'EUR',
        account: null,
        previous: { from: '2026-03-01', to: '2026-03-02' },
        current: { from: '2026-03-03', to: '2026-03-04' },
      });
      const postgres = await backend.client.getProductInsights({
        product: 'managedPostgreSQL',
        group: 'checkout-team',
        intervals: INTERVALS,
        project: null,
      });
      expect(postgres.aggregation).toEqual([40, 44]);
      expect(postgres.change).toEqual({ amount: 4, ratio: 0.1 });
      expect(postgres.entities.component[0]).toMatchObject({
        id: 'payments-api',
        aggregation: [40, 44],
      });
      expect(
        postgres.entities.component[0].entities.resource.map(r => r.id),
      ).toEqual(['db-1']);

      // Object Storage is billed (untagged rows) but not in this group's
      // scope: a known product with no spend, not an error
      expect(
        await backend.client.getProductInsights({
          product: 'objectStorage',
          group: 'checkout-team',
          intervals: INTERVALS,
          project: null,
        }),
      ).toEqual({
        id: 'objectStorage',
        aggregation: [0, 0],
        change: { amount: 0 },
        entities: { component: [] },
      });
      // a FOCUS category nobody spent on is known too
      expect(
        (
          await backend.client.getProductInsights({
            product: 'analytics',
            group: 'checkout-team',
            intervals: INTERVALS,
            project: null,
          })
        ).aggregation,
      ).toEqual([0, 0]);
    });

    it('answers unknown projects, products and groups with 404 and bad input with 400', async () => {
      const productQuery = {
        product: 'compute',
        entityRef: 'group:default/checkout-team',
        intervals: INTERVALS,
      };
      const expectError = async (
        path: string,
        query: Record<string, string>,
        status: number,
        message: RegExp,
      ) => {
        const response = await backend.get(path, query);
        expect({
          status: response.status,
          message: response.body.error?.message,
        }).toEqual({ status, message: expect.stringMatching(message) });
      };

      // unknown projects
      await expectError(
        'accounts/daily',
        { account: 'nope' },
        404,
        /^No cost data is billed to account "nope"$/,
      );
      await expectError(
        'accounts/daily',
        { account: '../' },
        404,
        /^No cost data is billed to account "\.\.\/"$/,
      );
      await expectError(
        'accounts/daily',
        { account: '../../etc/passwd' },
        404,
        /billed to account "\.\.\/\.\.\/etc\/passwd"/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, account: '../' },
        404,
        /billed to account "\.\.\/"/,
      );
      await expect(
        backend.client.getProjectDailyCost('nope', INTERVALS),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });

      // hostile account ids
      await expectError(
        'accounts/daily',
        { account: '1111\n2222' },
        400,
        /^Invalid account: must not contain control characters$/,
      );
      await expectError(
        'accounts/daily',
        { account: 'a\u202eb' },
        400,
        /^Invalid account: must not contain control characters$/,
      );
      await expectError(
        'accounts/daily',
        { account: 'x'.repeat(5000) },
        400,
        /^Invalid account: must be at most 256 characters$/,
      );
      await expectError(
        'accounts/daily',
        { account: '' },
        400,
        /^Invalid account: must not be empty$/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, account: 'a\nb' },
        400,
        /^Invalid account: must not contain control characters$/,
      );
      await expect(
        backend.client.getProjectDailyCost('1111\n2222', INTERVALS),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 400 });

      // unknown and malformed products
      await expectError(
        'product-insights',
        { ...productQuery, product: 'bigQuery' },
        404,
        /^Product "bigQuery" matches no FOCUS ServiceCategory and no ServiceName with spend from 2026-03-01 to 2026-03-04/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, product: '../' },
        400,
        /^Invalid product: must contain a letter or a digit$/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, product: 'p'.repeat(5000) },
        400,
        /^Invalid product: must be at most 128 characters$/,
      );
      await expect(
        backend.client.getProductInsights({
          product: 'bigQuery',
          group: 'checkout-team',
          intervals: INTERVALS,
          project: null,
        }),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });

      // malformed intervals
      await expectError(
        'product-insights',
        { ...productQuery, intervals: 'R2/PT1H/2026-03-05' },
        400,
        /^Invalid intervals: unsupported intervals "R2\/PT1H\/2026-03-05", expected/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, intervals: 'R2/P2D/2026-02-30' },
        400,
        /^Invalid intervals: unsupported intervals "R2\/P2D\/2026-02-30": 2026-02-30 is not a date$/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, intervals: 'R3/P2D/2026-03-05' },
        400,
        /^Product insights compare two periods: intervals must repeat twice/,
      );
      await expectError(
        'product-insights',
        { ...productQuery, intervals: 'R2/P400D/2026-03-05' },
        400,
        /^a period is at most 731 days$/,
      );
      await expectError(
        'accounts/daily',
        { account: 'shop-staging', from: '2026-03-04', to: '2026-03-01' },
        400,
        /^from \(2026-03-04\) must not be after to \(2026-03-01\)$/,
      );
      await expect(
        backend.client.getProjectDailyCost('shop-staging', 'R2/P2D/03-05-2026'),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/^unsupported intervals/),
      });

      // unknown group
      await expectError(
        'product-insights',
        { ...productQuery, entityRef: 'group:default/nobody' },
        404,
        /^No entity group:default\/nobody in the catalog$/,
      );
      await expectError(
        'accounts',
        { entityRef: 'group:default/nobody' },
        404,
        /^No entity group:default\/nobody in the catalog$/,
      );
    });
  },
);
