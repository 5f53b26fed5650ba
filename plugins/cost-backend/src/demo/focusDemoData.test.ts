import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  COST_ALLOCATION_TAGS,
  DEFAULT_ANOMALY_OPTIONS,
} from '@opsdeck/plugin-cost-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { CostImporter } from '../ingest/CostImporter';
import { CostInsightsService } from '../service/CostInsightsService';
import { generateFocusDemoCsv } from './focusDemoData';

jest.setTimeout(60_000);

const OPTIONS = { start: '2026-07-01', end: '2026-11-20' };
const component = (name: string) => ({
  type: 'selectors' as const,
  selectors: [[{ key: COST_ALLOCATION_TAGS.component, value: name }]],
});

describe('demo FOCUS data', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('is what the committed example file holds (deterministic)', () => {
    const committed = gunzipSync(
      readFileSync(
        join(__dirname, '../../../../examples/cost/focus-demo.csv.gz'),
      ),
    ).toString('utf8');
    expect([...generateFocusDemoCsv(OPTIONS)].join('')).toBe(committed);
  });

  it('imports through the real importer and shows the planted anomaly, idle GPU and untagged spend', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const importer = CostImporter.create({ store, logger });
    const result = await importer.importFile(
      'demo',
      Readable.from(generateFocusDemoCsv(OPTIONS)),
    );
    // 143 days x 15 resources
    expect(result.rows).toBe(143 * 15);
    expect(result.billingPeriods).toEqual([
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
    ]);
    const insights = CostInsightsService.create({
      store,
      anomalies: DEFAULT_ANOMALY_OPTIONS,
      budgets: new Map(),
      logger,
    });
    const period = { from: '2026-10-22', to: '2026-11-20' };
    const anomalies = await insights.anomalies(
      'component:default/search-service',
      component('search-service'),
      period,
    );
    // the search VM spends 4x its usual on 2026-11-08 and 2026-11-09
    expect(anomalies.anomalies.map(a => a.date)).toEqual([
      '2026-11-08',
      '2026-11-09',
    ]);
    const quiet = await insights.anomalies(
      'component:default/checkout-service',
      component('checkout-service'),
      period,
    );
    expect(quiet.anomalies).toEqual([]);
    const recs = await insights.hints(
      'component:default/recommendations',
      component('recommendations'),
      period,
    );
    expect(recs.hints.find(h => h.kind === 'idle-resource')?.subject).toBe(
      'gpu-recs-1',
    );
    const org = await insights.hints('all', { type: 'all' }, period);
    expect(org.hints.map(h => h.kind)).toEqual(
      expect.arrayContaining([
        'untagged-spend',
        'commitment-coverage',
        'data-transfer-growth',
      ]),
    );
  });
});
