import { FocusCostRow } from '@opsdeck/plugin-cost-common';
import { DailyAggregate } from '../database/types';
import { DailyAggregator, FLUSH_CHUNK } from './DailyAggregator';

const TAGS = {
  'backstage-component': 'checkout',
  'backstage-environment': 'production',
};

function row(day: string, resourceId: string, cost: number): FocusCostRow {
  return {
    billingPeriodStart: '2026-06-01',
    day,
    currency: 'EUR',
    billedCost: cost,
    effectiveCost: cost,
    listCost: cost,
    chargeCategory: 'Usage',
    serviceName: 'Virtual Machines',
    serviceCategory: 'Compute',
    region: 'eu-west-1',
    account: 'acct-1',
    resourceId,
    allocationMethod: '',
    pricingCategory: 'Standard',
    commitmentDiscountStatus: '',
    consumedQuantity: 1,
    tags: TAGS,
  };
}

describe('DailyAggregator', () => {
  it('sums hourly rows of one key into one aggregate', async () => {
    const flushed: DailyAggregate[][] = [];
    const aggregator = new DailyAggregator(100, async rows => {
      flushed.push(rows);
    });
    for (let hour = 0; hour < 24; hour++) {
      aggregator.add(row('2026-06-03', 'vm-1', 0.25));
    }
    await aggregator.flush();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toHaveLength(1);
    expect(flushed[0][0]).toMatchObject({
      day: '2026-06-03',
      component: 'checkout',
      environment: 'production',
      resourceId: 'vm-1',
      effectiveCost: 6,
      consumedQuantity: 24,
      rowCount: 24,
    });
    expect(aggregator.rows).toBe(24);
    expect(aggregator.total).toBe(6);
  });

  it('holds at most maxKeys aggregates between flushes, whatever the number of keys', async () => {
    const maxKeys = 50;
    const flushed: DailyAggregate[][] = [];
    const aggregator = new DailyAggregator(maxKeys, async rows => {
      flushed.push(rows);
    });
    // 30 days x 100 resources = 3,000 distinct keys, 60 times maxKeys.
    for (let day = 1; day <= 30; day++) {
      for (let r = 0; r < 100; r++) {
        aggregator.add(
          row(`2026-06-${String(day).padStart(2, '0')}`, `vm-${r}`, 1),
        );
        if (aggregator.full) {
          await aggregator.flush();
        }
      }
    }
    await aggregator.flush();
    expect(flushed).toHaveLength(3000 / maxKeys);
    for (const batch of flushed) {
      expect(batch.length).toBeLessThanOrEqual(maxKeys);
    }
    expect(flushed.flat()).toHaveLength(3000);
    expect(flushed.flat().reduce((sum, a) => sum + a.effectiveCost, 0)).toBe(
      3000,
    );
    expect(aggregator.billingPeriods).toEqual(['2026-06-01']);
  });

  it('hands over nothing when flushed empty', async () => {
    const flushed: DailyAggregate[][] = [];
    const aggregator = new DailyAggregator(10, async rows => {
      flushed.push(rows);
    });
    await aggregator.flush();
    expect(flushed).toEqual([]);
    expect(aggregator.full).toBe(false);
  });

  it('keeps apart aggregates that differ in any one key dimension', async () => {
    const flushed: DailyAggregate[] = [];
    const aggregator = new DailyAggregator(100, async rows => {
      flushed.push(...rows);
    });
    const base = row('2026-06-03', 'vm-1', 1);
    const variants: Partial<FocusCostRow>[] = [
      {},
      { day: '2026-06-04' },
      { billingPeriodStart: '2026-07-01' },
      { currency: 'USD' },
      { tags: { ...TAGS, 'backstage-component': 'search' } },
      { serviceName: 'Blob Storage' },
      { serviceCategory: 'Storage' },
      { region: 'eu-central-1' },
      { account: 'acct-2' },
      { resourceId: 'vm-2' },
      { chargeCategory: 'Tax' },
      { pricingCategory: 'Committed' },
      { commitmentDiscountStatus: 'Used' },
      { allocationMethod: 'cpu-share' },
    ];
    for (const variant of variants) {
      // twice each: the second row of a key adds to the first
      aggregator.add({ ...base, ...variant });
      aggregator.add({ ...base, ...variant });
    }
    await aggregator.flush();
    expect(flushed).toHaveLength(variants.length);
    for (const aggregate of flushed) {
      expect(aggregate.rowCount).toBe(2);
      expect(aggregate.effectiveCost).toBe(2);
    }
    expect(flushed.map(a => a.component).sort()).toEqual([
      ...Array(13).fill('checkout'),
      'search',
    ]);
    expect(flushed.find(a => a.currency === 'USD')?.day).toBe('2026-06-03');
  });

  it('keeps a missing consumed quantity apart from zero', async () => {
    const flushed: DailyAggregate[] = [];
    const aggregator = new DailyAggregator(100, async rows => {
      flushed.push(...rows);
    });
    aggregator.add({ ...row('2026-06-03', 'none', 1), consumedQuantity: null });
    aggregator.add({ ...row('2026-06-03', 'zero', 1), consumedQuantity: 0 });
    aggregator.add({
      ...row('2026-06-03', 'mixed', 1),
      consumedQuantity: null,
    });
    aggregator.add({ ...row('2026-06-03', 'mixed', 1), consumedQuantity: 2.5 });
    await aggregator.flush();
    const byResource = Object.fromEntries(
      flushed.map(a => [a.resourceId, a.consumedQuantity]),
    );
    expect(byResource).toEqual({ none: null, zero: 0, mixed: 2.5 });
  });

  it('takes more keys than maxKeys within one batch and sums them right', async () => {
    const flushed: DailyAggregate[][] = [];
    const aggregator = new DailyAggregator(16, async rows => {
      flushed.push(rows);
    });
    // 1,000 keys without a flush in between (one large batch of rows),
    // every key three times in an interleaved order
    for (let pass = 1; pass <= 3; pass++) {
      for (let r = 0; r < 1000; r++) {
        aggregator.add(row('2026-06-03', `vm-${r}`, r));
      }
    }
    expect(aggregator.full).toBe(true);
    await aggregator.flush();
    const all = flushed.flat();
    expect(all).toHaveLength(1000);
    for (const aggregate of all) {
      const r = Number(aggregate.resourceId.slice(3));
      expect(aggregate.effectiveCost).toBe(3 * r);
      expect(aggregate.rowCount).toBe(3);
    }
    expect(aggregator.full).toBe(false);
  });

  it('hands over at most FLUSH_CHUNK aggregates per call', async () => {
    const sizes: number[] = [];
    const aggregator = new DailyAggregator(20_000, async rows => {
      sizes.push(rows.length);
    });
    for (let r = 0; r < 12_000; r++) {
      aggregator.add(row('2026-06-03', `vm-${r}`, 1));
    }
    await aggregator.flush();
    expect(sizes).toEqual([FLUSH_CHUNK, FLUSH_CHUNK, 12_000 - 2 * FLUSH_CHUNK]);
  });

  it('stays right across many flushes while it forgets values it no longer needs', async () => {
    const maxKeys = 10;
    const flushed: DailyAggregate[] = [];
    const aggregator = new DailyAggregator(maxKeys, async rows => {
      flushed.push(...rows);
    });
    // 500 distinct resources and 50 distinct tag sets: the value and tag
    // tables outgrow their bound several times and are started afresh
    for (let r = 0; r < 500; r++) {
      aggregator.add({
        ...row('2026-06-03', `vm-${r}`, r),
        tags: { 'backstage-component': `c-${r % 50}`, n: String(r) },
      });
      if (aggregator.full) {
        await aggregator.flush();
      }
    }
    await aggregator.flush();
    expect(flushed).toHaveLength(500);
    for (const aggregate of flushed) {
      const r = Number(aggregate.resourceId.slice(3));
      expect(aggregate.effectiveCost).toBe(r);
      expect(aggregate.component).toBe(`c-${r % 50}`);
      expect(JSON.parse(aggregate.tags)).toEqual({
        'backstage-component': `c-${r % 50}`,
        n: String(r),
      });
    }
  });
});
