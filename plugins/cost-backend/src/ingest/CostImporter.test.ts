import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { CostScope } from '../database/types';
import { CostInsightsService } from '../service/CostInsightsService';
import { CostImporter } from './CostImporter';
import { DEFAULT_ANOMALY_OPTIONS } from '@opsdeck/plugin-cost-common';

jest.setTimeout(120_000);

const FIXTURE = readFileSync(
  join(__dirname, '../__fixtures__/focus-small.csv'),
);
const TEXT = FIXTURE.toString('utf8');
const [HEADER, ...LINES] = TEXT.trimEnd().split('\n');

const component = (name: string): CostScope => ({
  type: 'selectors',
  selectors: [[{ key: COST_ALLOCATION_TAGS.component, value: name }]],
});
const JAN = { from: '2026-01-01', to: '2026-01-02' };

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('cost import on %s', databaseId => {
  async function setUp(maxAggregateKeys?: number) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const importer = CostImporter.create({ store, logger, maxAggregateKeys });
    const insights = CostInsightsService.create({
      store,
      anomalies: DEFAULT_ANOMALY_OPTIONS,
      budgets: new Map([
        [
          'component:default/checkout-service',
          {
            entityRef: 'component:default/checkout-service',
            amount: 50,
            currency: 'EUR',
            thresholdPercents: [100],
          },
        ],
      ]),
      logger,
    });
    const file = (text: string | Buffer) => Readable.from([Buffer.from(text)]);
    return { knex, store, importer, insights, file };
  }

  it('imports the fixture and attributes it by tags (hand-computed figures)', async () => {
    const { store, importer, file } = await setUp();
    const result = await importer.importFile('demo', file(FIXTURE));
    expect(result).toEqual({
      source: 'demo',
      rows: 10,
      currency: 'EUR',
      billingPeriods: ['2026-01-01', '2026-02-01'],
      total: 95, // 10+5+20+7+3 + 11+20+4+2 + 13
    });
    expect(
      await store.dailyAmounts(component('checkout-service'), {
        from: '2026-01-01',
        to: '2026-02-28',
      }),
    ).toEqual([
      { day: '2026-01-01', currency: 'EUR', amount: 15 },
      { day: '2026-01-02', currency: 'EUR', amount: 17 }, // 11 + idle volume 4 + tax 2
      { day: '2026-02-01', currency: 'EUR', amount: 13 },
    ]);
    // the system: its own tag (payments-api rows) and its parts' tags
    const shop: CostScope = {
      type: 'selectors',
      selectors: [
        [{ key: COST_ALLOCATION_TAGS.system, value: 'shop' }],
        ...(component('checkout-service') as any).selectors,
        ...(component('payments-api') as any).selectors,
      ],
    };
    expect((await store.dailyAmounts(shop, JAN)).map(r => r.amount)).toEqual([
      35, 37,
    ]);
    expect(await store.dailyAmounts({ type: 'unallocated' }, JAN)).toEqual([
      { day: '2026-01-01', currency: 'EUR', amount: 7 },
    ]);
  });

  it('matches selectors on any tag key exactly (annotation override)', async () => {
    const { store, importer, file } = await setUp();
    await importer.importFile('demo', file(FIXTURE));
    const sel = (...pairs: Array<[string, string]>): CostScope => ({
      type: 'selectors',
      selectors: [pairs.map(([key, value]) => ({ key, value }))],
    });
    const total = async (scope: CostScope) =>
      (await store.dailyAmounts(scope, JAN)).reduce((a, r) => a + r.amount, 0);
    expect(await total(sel(['team', 'search']))).toBe(3);
    expect(await total(sel(['team', 'searc']))).toBe(0);
    expect(await total(sel(['eam', 'search']))).toBe(0);
    expect(
      await total(
        sel(
          ['team', 'search'],
          [COST_ALLOCATION_TAGS.component, 'search-service'],
        ),
      ),
    ).toBe(3);
    expect(
      await total(
        sel(
          ['team', 'search'],
          [COST_ALLOCATION_TAGS.component, 'payments-api'],
        ),
      ),
    ).toBe(0);
    expect(await total(sel(['team', "search' OR 1=1 --"]))).toBe(0);
    expect(await total({ type: 'selectors', selectors: [] })).toBe(0);
  });

  it('computes summary, breakdown, hints, overview, forecast and budget', async () => {
    const { importer, insights, file } = await setUp();
    await importer.importFile('demo', file(FIXTURE));
    const ref = 'component:default/checkout-service';
    const scope = component('checkout-service');
    expect(
      await insights.summary(ref, scope, {
        from: '2026-01-02',
        to: '2026-01-02',
      }),
    ).toEqual({
      entityRef: ref,
      from: '2026-01-02',
      to: '2026-01-02',
      totals: [
        {
          currency: 'EUR',
          amount: 17,
          previousAmount: 15,
          change: { amount: 2, ratio: 2 / 15 },
        },
      ],
    });
    const daily = await insights.daily(ref, scope, JAN, 'service');
    expect(daily.currency).toBe('EUR');
    expect(daily.days).toEqual([
      {
        date: '2026-01-01',
        amount: 15,
        breakdown: { 'Virtual Machines': 15 },
      },
      {
        date: '2026-01-02',
        amount: 17,
        breakdown: { 'Virtual Machines': 13, 'Block Storage': 4 },
      },
    ]);
    const hints = await insights.hints(ref, scope, JAN);
    expect(
      hints.hints.map(h => [
        h.kind,
        h.subject,
        h.amount,
        h.estimatedSaving,
        h.currency,
      ]),
    ).toEqual([
      ['idle-resource', 'vol-9', 4, 4, 'EUR'],
      // on-demand compute usage 15 + 11, nothing committed; 30 % of 26
      ['commitment-coverage', undefined, 26, 7.8, 'EUR'],
    ]);
    const orgHints = await insights.hints('all', { type: 'all' }, JAN);
    // untagged 7 of 82 (8.5 %) is above the 5 % threshold
    expect(orgHints.hints.find(h => h.kind === 'untagged-spend')?.amount).toBe(
      7,
    );
    const overview = await insights.overview(JAN);
    expect(overview).toEqual({
      from: '2026-01-01',
      to: '2026-01-02',
      currency: 'EUR',
      total: 82,
      unallocated: 7,
      byOwner: [
        {
          owner: 'checkout-team',
          amount: 72,
          previousAmount: 0,
          change: { amount: 72, ratio: null },
        },
        {
          owner: 'search-team',
          amount: 3,
          previousAmount: 0,
          change: { amount: 3, ratio: null },
        },
      ],
    });
    // last day with data is 2026-02-01 (13 EUR); 28-day history of 27 zeros then 13:
    // slope 175.5/1827, intercept 13/28 - 13.5 * slope; 27 remaining February days sum to 83.8596
    const forecast = await insights.forecast(ref, scope);
    expect(forecast.month).toBe('2026-02');
    expect(forecast.actualToDate).toBe(13);
    expect(forecast.trend.slope).toBeCloseTo(0.0960591133, 9);
    expect(forecast.projectedDays).toHaveLength(27);
    expect(forecast.projectedDays[0]).toEqual({
      date: '2026-02-02',
      amount: 1.8571,
    });
    expect(forecast.forecastTotal).toBeCloseTo(96.8596, 4);
    expect(forecast.budget).toEqual({
      amount: 50,
      currency: 'EUR',
      usedRatio: 13 / 50,
      forecastRatio: forecast.forecastTotal / 50,
      state: 'at-risk',
    });
  });

  it('finds a usage spike as an anomaly', async () => {
    const { importer, insights, file } = await setUp();
    const row = LINES[0].split(',');
    // 20 days at 100 EUR then one at 400: median 100, MAD 0 -> excess 300, no z-score
    const lines = Array.from({ length: 21 }, (_, i) => {
      const d = `2026-01-${String(i + 1).padStart(2, '0')}`;
      const r = [...row];
      r[0] = r[11] = r[12] = r[14] = i === 20 ? '400' : '100';
      r[9] = `${d}T00:00:00Z`;
      r[10] = `${d}T23:00:00Z`;
      return r.join(',');
    });
    await importer.importFile('spike', file([HEADER, ...lines].join('\n')));
    const result = await insights.anomalies(
      'component:default/checkout-service',
      component('checkout-service'),
      {
        from: '2026-01-01',
        to: '2026-01-21',
      },
    );
    expect(result.currency).toBe('EUR');
    expect(result.anomalies).toEqual([
      {
        date: '2026-01-21',
        amount: 400,
        expected: 100,
        excess: 300,
        score: null,
      },
    ]);
  });

  it('attributes FOCUS 1.3 split-cost rows by their allocated resource and tags', async () => {
    const { store, importer, file } = await setUp();
    const result = await importer.importFile(
      'k8s',
      file(
        readFileSync(
          join(__dirname, '../__fixtures__/focus-1.3-allocated.csv'),
        ),
      ),
    );
    expect(result).toMatchObject({ rows: 4, total: 105 });
    const april = { from: '2026-04-01', to: '2026-04-01' };
    const amount = async (scope: CostScope) =>
      (await store.dailyAmounts(scope, april)).map(r => r.amount);
    // 60 allocated from node-1 plus the 5 of its own database
    expect(await amount(component('checkout-service'))).toEqual([65]);
    expect(await amount(component('payments-api'))).toEqual([30]);
    // the unallocated (idle) share stays with the node's own tags
    expect(await amount(component('k8s-platform'))).toEqual([10]);
    expect(
      (await store.resources(component('checkout-service'), april)).map(r => [
        r.resourceId,
        r.effectiveCost,
      ]),
    ).toEqual([
      ['db-1', 5],
      ['ns/checkout', 60],
    ]);
    // by allocation method: 60 split off node-1 by CPU request, 5 billed
    // directly ('' = not split)
    expect(
      (
        await store.dailyBreakdown(
          component('checkout-service'),
          april,
          'allocation',
        )
      ).map(r => [r.key, r.amount]),
    ).toEqual(
      expect.arrayContaining([
        ['k8s-cpu-request', 60],
        ['', 5],
      ]),
    );
    expect(
      (
        await store.dailyBreakdown(
          component('k8s-platform'),
          april,
          'allocation',
        )
      ).map(r => [r.key, r.amount]),
    ).toEqual([['', 10]]);
  });

  it('is idempotent: re-importing a source replaces its billing periods', async () => {
    const { store, importer, file } = await setUp();
    await importer.importFile('demo', file(FIXTURE));
    await importer.importFile('demo', file(gzipSync(FIXTURE)));
    const all = { from: '2026-01-01', to: '2026-02-28' };
    const total = async () =>
      (await store.dailyAmounts({ type: 'all' }, all)).reduce(
        (a, r) => a + r.amount,
        0,
      );
    expect(await total()).toBe(95);
    // a new file for February only replaces February, January stays
    const feb = LINES.filter(l =>
      l.includes(',2026-02-01T00:00:00Z,2026-03-01'),
    ).map(l => l.replace(/^14,/, '28,').replace(',14,13,', ',28,26,'));
    expect(feb).toHaveLength(1);
    await importer.importFile('demo', file([HEADER, ...feb].join('\n')));
    expect(await total()).toBe(95 - 13 + 26);
    // another source adds to it
    await importer.importFile('other-account', file(FIXTURE));
    expect(await total()).toBe(95 - 13 + 26 + 95);
  });

  it('serializes concurrent imports of the same period: nothing doubled', async () => {
    const { store, importer, file } = await setUp();
    await Promise.all([
      importer.importFile('demo', file(FIXTURE)),
      importer.importFile('demo', file(FIXTURE)),
      importer.importFile('demo', file(FIXTURE)),
    ]);
    const rows = await store.dailyAmounts(
      { type: 'all' },
      { from: '2026-01-01', to: '2026-02-28' },
    );
    expect(rows.reduce((a, r) => a + r.amount, 0)).toBe(95);
  });

  it('gives the same figures when partial aggregates are flushed often', async () => {
    const { store, importer, file } = await setUp(2);
    await importer.importFile('demo', file(FIXTURE));
    expect(
      (await store.dailyAmounts(component('checkout-service'), JAN)).map(
        r => r.amount,
      ),
    ).toEqual([15, 17]);
  });

  describe('bad files change nothing', () => {
    const cutInQuotes = TEXT.slice(
      0,
      TEXT.indexOf('""backstage-owner""', TEXT.indexOf('\n', 400)),
    );
    const gz = gzipSync(FIXTURE);
    const corruptGz = Buffer.concat([
      gz.subarray(0, 40),
      Buffer.alloc(30, 0x41),
      gz.subarray(70),
    ]);
    it.each<[string, string | Buffer, RegExp, number | undefined]>([
      [
        'wrong delimiter',
        TEXT.replace(/,/g, ';'),
        /line 1: .*delimited by ';'/,
        1,
      ],
      [
        'missing mandatory column',
        TEXT.replace('EffectiveCost', 'Effective_Cost'),
        /line 1, column EffectiveCost: mandatory FOCUS column 'EffectiveCost' is missing/,
        1,
      ],
      [
        'bad number',
        TEXT.replace(',12,10,', ',12,1O,'),
        /line 2, column EffectiveCost: '1O' is not a decimal number/,
        1,
      ],
      [
        'bad date',
        TEXT.replace(
          '2026-01-02T00:00:00Z,2026-01-02T23:59:59Z',
          '2026-01-32T00:00:00Z,2026-01-02T23:59:59Z',
        ),
        /line 7, column ChargePeriodStart: '2026-01-32T00:00:00Z' is not an ISO 8601/,
        1,
      ],
      [
        'mixed currencies',
        TEXT.replace(/,EUR,(?=2026-02)/, ',USD,'),
        /line 11, column BillingCurrency: currency USD differs from EUR/,
        1,
      ],
      [
        'file cut off mid-row',
        TEXT.slice(0, TEXT.length - 120),
        /line 11: expected 27 fields as in the header, found \d+/,
        1,
      ],
      [
        'file cut off inside a quoted field',
        cutInQuotes,
        /ends inside a quoted field/,
        1,
      ],
      ['corrupted gzip', corruptGz, /gzip stream is corrupted/, 1],
      [
        'truncated gzip',
        gz.subarray(0, gz.length - 20),
        /gzip stream is corrupted/,
        1,
      ],
      ['empty file', '', /the file is empty/, 1],
      [
        'many bad rows',
        TEXT.replace(/,Usage,/g, ',usage,'),
        /rejected with 9 problems/,
        9,
      ],
    ])('%s', async (_name, content, message, count) => {
      const { store, importer, file, knex } = await setUp();
      await importer.importFile('demo', file(FIXTURE));
      const before = await store.dailyAmounts(
        { type: 'all' },
        { from: '2026-01-01', to: '2026-02-28' },
      );
      const error = await importer
        .importFile('demo', file(content))
        .catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/nothing was imported/);
      expect(error.problemCount).toBe(count);
      expect(error.problems.length).toBeGreaterThan(0);
      expect(
        await store.dailyAmounts(
          { type: 'all' },
          { from: '2026-01-01', to: '2026-02-28' },
        ),
      ).toEqual(before);
      expect(await knex('cost_staging').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      expect(Number((await knex('cost_staging').count({ n: '*' }))[0].n)).toBe(
        0,
      );
    });
  });

  it('rejects hostile source names', async () => {
    const { importer, file } = await setUp();
    for (const source of ['', '../x y', 'a\nb', '$(id)', 'x'.repeat(513)]) {
      await expect(importer.importFile(source, file(FIXTURE))).rejects.toThrow(
        /source must be/,
      );
    }
  });
});
