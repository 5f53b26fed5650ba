/**
 * @jest-environment node
 */
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the client is tested against the real backend
import costBackend from '@opsdeck/plugin-cost-backend';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CostClient } from './CostClient';
import { CostInsightsApiClient, parseIntervals } from './CostInsightsApiClient';

describe('parseIntervals', () => {
  it('turns repeating intervals into inclusive days', () => {
    expect(parseIntervals('R2/P30D/2020-09-01')).toEqual({
      from: '2020-07-03',
      to: '2020-08-31',
      bucketDays: 30,
    });
    expect(parseIntervals('R2/P1D/2026-01-31')).toEqual({
      from: '2026-01-29',
      to: '2026-01-30',
      bucketDays: 1,
    });
  });

  it.each(['', 'R2/P30D', 'R2/PT1H/2020-09-01', 'R2/P30D/2020-09-01/../x'])(
    'rejects %j',
    text => {
      expect(() => parseIntervals(text)).toThrow(/unsupported intervals/);
    },
  );
});

const FIXTURE = readFileSync(
  join(
    require.resolve('@opsdeck/plugin-cost-backend/package.json'),
    '../src/__fixtures__/focus-small.csv',
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
  entity('Group', 'checkout-team', [
    ['ownerOf', 'component:default/checkout-service'],
    ['ownerOf', 'component:default/payments-api'],
  ]),
  entity('User', 'jane', [
    ['memberOf', 'group:default/checkout-team'],
    ['memberOf', 'group:default/architects'],
  ]),
];

describe('CostInsightsApiClient on the cost backend', () => {
  let client: CostInsightsApiClient;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        costBackend,
        catalogServiceMock.factory({ entities: ENTITIES }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/cost`;
    stop = () => backend.stop();
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
      body: FIXTURE,
    });
    if (imported.status !== 201) {
      throw new Error(`fixture import failed: ${await imported.text()}`);
    }
    const costApi = new CostClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: fetchWithToken },
    });
    client = new CostInsightsApiClient(costApi, {
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
  });

  afterAll(() => stop());

  it('serves a group daily cost with change, trend and breakdowns (hand-computed from the fixture)', async () => {
    const cost = await client.getGroupDailyCost(
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
    const byId = (costs: typeof cost.groupedCosts) =>
      Object.fromEntries(
        (costs?.service ?? []).map(c => [
          c.id,
          c.aggregation.map(a => a.amount),
        ]),
      );
    expect(byId(cost.groupedCosts)).toEqual({
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
    const cost = await client.getCatalogEntityDailyCost(
      'component:default/checkout-service',
      'R2/P1D/2026-01-03',
    );
    expect(cost.aggregation.map(a => a.amount)).toEqual([15, 17]);
  });

  it('reads the user groups from the catalog', async () => {
    expect(await client.getUserGroups('jane')).toEqual([
      { id: 'group:default/architects', name: 'architects' },
      { id: 'group:default/checkout-team', name: 'checkout-team' },
    ]);
    expect(await client.getUserGroups('user:default/nobody')).toEqual([]);
  });

  it('turns the group hints and anomalies into action items linking to the cost tab', async () => {
    const read = async (path: string) =>
      (
        await fetch(
          `${baseUrl}/${path}?entityRef=group:default/checkout-team`,
          {
            headers: { Authorization: mockCredentials.user.header() },
          },
        )
      ).json();
    const { hints } = await read('hints');
    const { anomalies } = await read('anomalies');
    const alerts = await client.getAlerts('checkout-team');
    expect(alerts.map(a => a.title).sort()).toEqual(
      [
        ...hints.map((h: { title: string }) => h.title),
        ...anomalies.map((a: { date: string }) => `Spend anomaly on ${a.date}`),
      ].sort(),
    );
    // February 1 (13 EUR) stands out against a baseline of mostly empty days
    expect(alerts.map(a => a.title)).toContain('Spend anomaly on 2026-02-01');
    for (const alert of alerts) {
      expect(alert.url).toBe('/catalog/default/group/checkout-team/cost');
    }
  });

  it('answers the billing date and refuses what FOCUS cannot express', async () => {
    expect(await client.getLastCompleteBillingDate()).toBe('2026-02-01');
    await expect(
      client.getProjectDailyCost('p', 'R2/P1D/2026-01-31'),
    ).rejects.toThrow(/billing projects/);
    await expect(
      client.getGroupDailyCost('checkout-team', 'R2/PT1H/2026-01-03'),
    ).rejects.toThrow(/unsupported intervals/);
  });
});
