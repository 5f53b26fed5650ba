import { authServiceFactory } from '@backstage/backend-defaults/auth';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  costSourcesExtensionPoint,
  FocusFileError,
  FocusFormatReader,
  FocusRecordBatch,
} from '@opsdeck/plugin-cost-node';
import { Readable } from 'node:stream';
import { costPlugin } from './plugin';

jest.setTimeout(60_000);

const FIXTURE = readFileSync(join(__dirname, '__fixtures__/focus-small.csv'));
const TOKEN = 'cost-import-token-0123456789';
const OTHER_TOKEN = 'deployments-only-token-0123456789';

const entity = (
  kind: string,
  name: string,
  relations: Array<[string, string]> = [],
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: {},
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

const ENTITIES = [
  entity('Component', 'checkout-service'),
  entity('Component', 'payments-api'),
  entity('Component', 'search-service', [], {
    'opsdeck.io/cost-allocation': 'team=search',
  }),
  entity('Component', 'broken', [], {
    'opsdeck.io/cost-allocation': 'no pairs here',
  }),
  entity('System', 'shop', [
    ['hasPart', 'component:default/checkout-service'],
    ['hasPart', 'component:default/payments-api'],
  ]),
  entity('Group', 'northwind', [['parentOf', 'group:default/checkout-team']]),
  entity('Group', 'checkout-team', [
    ['ownerOf', 'component:default/checkout-service'],
    ['ownerOf', 'system:default/shop'],
  ]),
];

type Decision = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/** The policy: one decision for every permission, or one per permission name. */
const permissionsFactory = (permission?: Decision | Record<string, Decision>) =>
  typeof permission === 'object'
    ? mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result: permission[r.permission.name] ?? AuthorizeResult.ALLOW,
          })) as any,
      }).factory
    : mockServices.permissions.factory(
        permission ? { result: permission } : undefined,
      );

async function startBackend(
  permission?: Decision | Record<string, Decision>,
  modules: BackendFeature[] = [],
) {
  const { server } = await startTestBackend({
    features: [
      costPlugin,
      ...modules,
      authServiceFactory,
      httpAuthServiceFactory,
      catalogServiceMock.factory({ entities: ENTITIES }),
      permissionsFactory(permission),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'billing-export' },
                  accessRestrictions: [{ plugin: 'cost' }],
                },
                {
                  type: 'static',
                  options: { token: OTHER_TOKEN, subject: 'pipelines' },
                  accessRestrictions: [{ plugin: 'deployments' }],
                },
              ],
            },
          },
          cost: {
            budgets: [
              {
                entityRef: 'component:default/checkout-service',
                amount: 50,
                currency: 'EUR',
              },
            ],
          },
        },
      }),
    ],
  });
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const upload = (body: Buffer | string, source = 'demo', headers = auth) =>
    request(server)
      .post(`/api/cost/imports?source=${encodeURIComponent(source)}`)
      .set(headers)
      .set('Content-Type', 'text/csv')
      .send(body);
  const get = (path: string) =>
    request(server).get(`/api/cost${path}`).set(auth);
  return { server, upload, get, auth };
}

describe('cost backend plugin', () => {
  it('accepts an upload with a static external access token and answers entity queries', async () => {
    const { upload, get } = await startBackend();
    const res = await upload(FIXTURE);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      source: 'demo',
      rows: 10,
      currency: 'EUR',
      total: 95,
    });

    const q = 'from=2026-01-01&to=2026-01-02';
    const total = async (ref: string) => {
      const r = await get(`/summary?entityRef=${encodeURIComponent(ref)}&${q}`);
      expect(r.status).toBe(200);
      return r.body.totals.map((t: any) => [t.currency, t.amount]);
    };
    // hand-computed from the fixture
    expect(await total('component:default/checkout-service')).toEqual([
      ['EUR', 32],
    ]);
    expect(await total('component:payments-api')).toEqual([['EUR', 40]]);
    // annotation override: tag team=search
    expect(await total('component:default/search-service')).toEqual([
      ['EUR', 3],
    ]);
    // system: own tag plus its parts
    expect(await total('system:default/shop')).toEqual([['EUR', 72]]);
    // team: owner tag plus what it owns; organisation: plus its sub-groups
    expect(await total('group:default/checkout-team')).toEqual([['EUR', 72]]);
    expect(await total('group:default/northwind')).toEqual([['EUR', 72]]);

    const daily = await get(
      `/daily?entityRef=component:default/checkout-service&${q}&dimension=resource`,
    );
    expect(daily.body.days).toEqual([
      { date: '2026-01-01', amount: 15, breakdown: { 'i-1': 15 } },
      {
        date: '2026-01-02',
        amount: 17,
        breakdown: { 'i-1': 11, 'vol-9': 4, '(none)': 2 },
      },
    ]);
    const budget = await get(
      '/budget?entityRef=component:default/checkout-service',
    );
    expect(budget.body.budget).toMatchObject({
      amount: 50,
      currency: 'EUR',
      state: 'at-risk',
    });
    const overview = await get(`/overview?${q}`);
    expect(overview.body).toMatchObject({
      currency: 'EUR',
      total: 82,
      unallocated: 7,
    });
    const hints = await get(`/hints?${q}`);
    expect(hints.body.hints.map((h: any) => h.kind)).toContain(
      'untagged-spend',
    );
    const anomalies = await get(
      `/anomalies?entityRef=component:default/checkout-service&${q}`,
    );
    expect(anomalies.body).toMatchObject({ currency: 'EUR', anomalies: [] });
    expect(
      (await get('/forecast?entityRef=component:default/checkout-service'))
        .body,
    ).toMatchObject({
      month: '2026-02',
      actualToDate: 13,
      currency: 'EUR',
    });
  });

  it('breaks a daily series down by FOCUS 1.3 allocation method', async () => {
    const { upload, get } = await startBackend();
    const res = await upload(
      readFileSync(join(__dirname, '__fixtures__/focus-1.3-allocated.csv')),
      'k8s',
    );
    expect(res.status).toBe(201);
    const daily = await get(
      '/daily?entityRef=component:default/checkout-service&from=2026-04-01&to=2026-04-01&dimension=allocation',
    );
    expect(daily.status).toBe(200);
    // 60 of node-1 allocated by CPU request, 5 of its own database
    expect(daily.body.days).toEqual([
      {
        date: '2026-04-01',
        amount: 65,
        breakdown: { 'k8s-cpu-request': 60, 'not split': 5 },
      },
    ]);
    const unknown = await get(
      '/daily?entityRef=component:default/checkout-service&dimension=method',
    );
    expect(unknown.status).toBe(400);
  });

  it('answers /health without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server).get('/api/cost/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('rejects missing, wrong and foreign tokens', async () => {
    const { server, upload } = await startBackend();
    await request(server).get('/api/cost/health').expect(200);
    await request(server).post('/api/cost/imports').send(FIXTURE).expect(401);
    expect(
      (
        await upload(FIXTURE, 'demo', {
          Authorization: 'Bearer wrong-token-123456',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await upload(FIXTURE, 'demo', {
          Authorization: `Bearer ${OTHER_TOKEN}`,
        })
      ).status,
    ).toBe(403);
    await request(server).get('/api/cost/overview').expect(401);
    await request(server).get('/api/cost/accounts/daily?account=a').expect(401);
    await request(server)
      .get('/api/cost/product-insights?product=compute')
      .expect(401);
    await request(server)
      .get('/api/cost/summary?entityRef=component:default/checkout-service')
      .set({ Authorization: 'Bearer wrong-token-123456' })
      .expect(401);
  });

  it('refuses an import when the policy denies cost.import', async () => {
    const { upload, get } = await startBackend({
      'cost.import': AuthorizeResult.DENY,
    });
    const res = await upload(FIXTURE);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/cost.import/);
    const overview = await get('/overview?from=2026-01-01&to=2026-01-02');
    expect(overview.body.total).toBe(0);
  });

  it("refuses an account's whole spend when the policy denies cost.account.read, not the group-scoped views", async () => {
    const { upload, get } = await startBackend({
      'cost.account.read': AuthorizeResult.DENY,
    });
    expect((await upload(FIXTURE)).status).toBe(201);
    const denied = await get('/accounts/daily?account=sub-shop');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Reading the whole spend of a billing account needs the cost.account.read permission',
    );
    // the group's accounts and products are read through the catalog:
    // checkout-team's spend in the fixture, all on sub-shop (10+5+20 + 11+20+4+2 + 13)
    const accounts = await get(
      '/accounts?entityRef=group:default/checkout-team&from=2026-01-01&to=2026-02-28',
    );
    expect(accounts.body.accounts).toEqual([{ id: 'sub-shop', amount: 85 }]);
    const product = await get(
      '/product-insights?entityRef=group:default/checkout-team&product=compute&account=sub-shop&intervals=R2/P1D/2026-01-03',
    );
    // Compute: 10+5 on January 1, then 11 and the tax row 2 on January 2
    expect(product.body.entity.aggregation).toEqual([15, 13]);
  });

  it("refuses the whole organisation's spend and hints when the policy denies cost.overview.read, not an entity's", async () => {
    const { upload, get } = await startBackend({
      'cost.overview.read': AuthorizeResult.DENY,
    });
    expect((await upload(FIXTURE)).status).toBe(201);
    const q = 'from=2026-01-01&to=2026-01-02';
    const overview = await get(`/overview?${q}`);
    expect(overview.status).toBe(403);
    expect(overview.body.error.message).toBe(
      "Reading the whole organisation's spend needs the cost.overview.read permission",
    );
    const hints = await get(`/hints?${q}`);
    expect(hints.status).toBe(403);
    expect(hints.body.error.message).toBe(
      "Reading the whole organisation's hints needs the cost.overview.read permission",
    );
    const entityHints = await get(
      `/hints?entityRef=component:default/checkout-service&${q}`,
    );
    expect(entityHints.status).toBe(200);
    const summary = await get(
      `/summary?entityRef=component:default/checkout-service&${q}`,
    );
    expect(summary.body.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', amount: 32 }),
    ]);
  });

  it('answers a bad file with 400, the first problems and a count', async () => {
    const { upload } = await startBackend();
    const bad = FIXTURE.toString('utf8').replace(/,Usage,/g, ',usage,');
    const res = await upload(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.problemCount).toBe(9);
    expect(res.body.error.problems[0]).toEqual({
      line: 2,
      column: 'ChargeCategory',
      message:
        "'usage' is not one of 'Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'",
    });
  });

  it('answers 400 for a file rejected at its header, even while the body is still arriving', async () => {
    const { upload, get } = await startBackend();
    // A missing mandatory column ends the import at line 1; the rest of a
    // large body is still on the wire when the answer is ready.
    const header = FIXTURE.toString('utf8')
      .split('\n')[0]
      .replace('BilledCost,', '');
    const rows = `${'x,'.repeat(40)}x\n`.repeat(20_000);
    const res = await upload(`${header}\n${rows}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(JSON.stringify(res.body.error)).toMatch(/BilledCost/);
    const overview = await get('/overview?from=2026-01-01&to=2026-01-02');
    expect(overview.status).toBe(200);
  });

  it.each([
    ['/summary', /entityRef/],
    [
      '/summary?entityRef=component:default/checkout-service&from=2026-02-30',
      /from: must be a real calendar date/,
    ],
    [
      '/summary?entityRef=component:default/checkout-service&from=2026-03-01&to=2026-01-01',
      /must not be after/,
    ],
    [
      '/summary?entityRef=component:default/checkout-service&from=2020-01-01&to=2026-01-01',
      /at most 731 days/,
    ],
    [
      '/daily?entityRef=component:default/checkout-service&dimension=tags',
      /dimension/,
    ],
    [
      '/summary?entityRef=component:default/broken',
      /invalid opsdeck.io\/cost-allocation annotation/,
    ],
  ])('rejects %s', async (path, message) => {
    const { get } = await startBackend();
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('treats a hostile entity ref as data: no such entity', async () => {
    const { get } = await startBackend();
    const res = await get("/summary?entityRef=component:default/x'%20OR%201=1");
    expect(res.status).toBe(404);
  });

  it('answers 404 for an entity the catalog does not know', async () => {
    const { get } = await startBackend();
    const res = await get('/summary?entityRef=component:default/nope');
    expect(res.status).toBe(404);
  });

  // Bad input tried: refs without a kind, with an empty kind or name, on
  // every entity-scoped route.
  it.each([
    'checkout-service',
    ':default/checkout-service',
    'component:default/',
    'component:',
  ])('answers 400, never 500, for the bad entity ref %j', async ref => {
    const { get } = await startBackend();
    for (const route of [
      'summary',
      'daily',
      'forecast',
      'budget',
      'anomalies',
      'hints',
    ]) {
      const res = await get(`/${route}?entityRef=${encodeURIComponent(ref)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/is not an entity ref/);
    }
  });
});

const MAGIC = '#focus-jsonl\n';

/**
 * A second file format, as a module would add one: a magic line, then one
 * JSON array of cells per line (the header first).
 */
const jsonLinesReader: FocusFormatReader = {
  id: 'jsonl',
  accepts: head => head.subarray(0, MAGIC.length).toString() === MAGIC,
  async *read(input: Readable): AsyncIterable<FocusRecordBatch> {
    let text = '';
    for await (const chunk of input) {
      text += chunk.toString();
    }
    const lines = text.slice(MAGIC.length).trimEnd().split('\n');
    const batch: FocusRecordBatch = { records: [], lines: [] };
    lines.forEach((line, i) => {
      try {
        batch.records.push(JSON.parse(line));
      } catch {
        throw new FocusFileError(i + 2, `line ${i + 2} is not a JSON array`);
      }
      batch.lines.push(i + 2);
    });
    yield batch;
  },
};

/** The CSV fixture rewritten in that format (same rows, same figures). */
function fixtureAsJsonLines(): string {
  const lines = FIXTURE.toString().trimEnd().split('\n');
  const cells = (line: string) =>
    // the fixture quotes only its last column, Tags
    line.includes('"')
      ? [
          ...line.slice(0, line.indexOf('"') - 1).split(','),
          line
            .slice(line.indexOf('"') + 1, line.length - 1)
            .replace(/""/g, '"'),
        ]
      : line.split(',');
  return MAGIC + lines.map(l => JSON.stringify(cells(l))).join('\n');
}

const jsonLinesModule = createBackendModule({
  pluginId: 'cost',
  moduleId: 'jsonl',
  register(env) {
    env.registerInit({
      deps: { sources: costSourcesExtensionPoint },
      async init({ sources }) {
        sources.addFormatReader(jsonLinesReader);
      },
    });
  },
});

describe('cost sources extension point', () => {
  it('imports a file through a reader added by a module, and CSV through the built-in reader', async () => {
    const { upload } = await startBackend(undefined, [jsonLinesModule]);
    const viaModule = await upload(fixtureAsJsonLines(), 'jsonl-export');
    expect(viaModule.status).toBe(201);
    expect(viaModule.body).toMatchObject({ rows: 10, total: 95 });
    const viaCsv = await upload(FIXTURE, 'csv-export');
    expect(viaCsv.status).toBe(201);
    expect(viaCsv.body).toMatchObject({ rows: 10, total: 95 });
  });

  // Bad input tried: a broken file in the module's format.
  it("rejects a broken file with the reader's problem and imports nothing", async () => {
    const { upload } = await startBackend(undefined, [jsonLinesModule]);
    const res = await upload(
      `${MAGIC}["BilledCost"]\n[not json`,
      'jsonl-export',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /line 3: line 3 is not a JSON array/,
    );
  });
});
