import { FocusCostRow } from '@opsdeck/plugin-cost-common';
import { DailyAggregate } from '../database/types';
import { DailyAggregator } from './DailyAggregator';

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
});
