import { costApiWith, DAILY } from '../components/testData';
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

describe('CostInsightsApiClient', () => {
  it('maps a daily series to the community Cost shape', async () => {
    const api = costApiWith();
    const client = new CostInsightsApiClient(api);
    const cost = await client.getGroupDailyCost(
      'checkout-team',
      'R2/P1D/2026-01-31',
    );
    expect(api.getDaily).toHaveBeenCalledWith(
      'group:default/checkout-team',
      'service',
      { from: '2026-01-29', to: '2026-01-30' },
    );
    expect(cost.aggregation).toEqual([
      { date: '2026-01-29', amount: 40 },
      { date: '2026-01-30', amount: 42 },
    ]);
    // last 1-day bucket 42 against the previous 40
    expect(cost.change).toEqual({ amount: 2, ratio: 0.05 });
    expect(cost.trendline).toEqual({ slope: 2, intercept: 40 });
    expect(cost.groupedCosts?.service).toEqual([
      {
        id: 'Virtual Machines',
        aggregation: [
          { date: '2026-01-29', amount: 30 },
          { date: '2026-01-30', amount: 32 },
        ],
      },
      {
        id: 'Block Storage',
        aggregation: [
          { date: '2026-01-29', amount: 10 },
          { date: '2026-01-30', amount: 10 },
        ],
      },
    ]);
    expect(DAILY.days).toHaveLength(2);
    await expect(
      client.getProjectDailyCost('p', 'R2/P1D/2026-01-31'),
    ).rejects.toThrow(/billing projects/);
    expect(await client.getAlerts('checkout-team')).toEqual([]);
    expect(await client.getLastCompleteBillingDate()).toBe('2026-01-30');
  });
});
