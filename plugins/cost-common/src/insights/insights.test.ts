import fc from 'fast-check';
import { detectAnomalies, median } from './anomalies';
import { computeChange } from './change';
import { forecastMonthEnd, linearTrend } from './forecast';
import { computeHints, HintInputs } from './hints';

describe('computeChange', () => {
  it('gives the amount and the ratio against the previous period', () => {
    expect(computeChange(120, 100)).toEqual({ amount: 20, ratio: 0.2 });
    expect(computeChange(75, 100)).toEqual({ amount: -25, ratio: -0.25 });
    expect(computeChange(50, 0)).toEqual({ amount: 50, ratio: null });
    expect(computeChange(0.3, 0.1).amount).toBe(0.2);
  });
});

describe('linearTrend and forecastMonthEnd', () => {
  it('fits an exact line', () => {
    expect(linearTrend([10, 12, 14, 16])).toEqual({ slope: 2, intercept: 10 });
    expect(linearTrend([5])).toEqual({ slope: 0, intercept: 5 });
    expect(linearTrend([])).toEqual({ slope: 0, intercept: 0 });
  });

  it('sums the month so far and extends the trend to the end of the month', () => {
    // days 0..3 = 10, 12, 14, 16; the remaining 2 days project 18 and 20
    const f = forecastMonthEnd([10, 12, 14, 16], 4, 6);
    expect(f.actualToDate).toBe(52);
    expect(f.projectedDays).toEqual([18, 20]);
    expect(f.projectedRemainder).toBe(38);
    expect(f.forecastTotal).toBe(90);
  });

  it('counts only the current month in the actual figure and floors projections at 0', () => {
    // history spans the previous month too: only the last 2 days are this month
    const f = forecastMonthEnd([30, 20, 10, 0], 2, 5);
    expect(f.actualToDate).toBe(10);
    expect(f.projectedDays).toEqual([0, 0, 0]);
    expect(f.forecastTotal).toBe(10);
  });

  it('forecasts a flat spend as that spend times the days of the month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 28 }),
        (daily, days) => {
          const f = forecastMonthEnd(Array(days).fill(daily), days, 31);
          expect(f.forecastTotal).toBeCloseTo(daily * 31, 6);
        },
      ),
    );
  });
});

describe('detectAnomalies', () => {
  const days = (amounts: number[]) =>
    amounts.map((amount, i) => ({
      date: `2026-01-${String(i + 1).padStart(2, '0')}`,
      amount,
    }));

  it('flags a spike with the rolling median and MAD', () => {
    // baseline of day 10: median 100, absolute deviations 0,0,0,1,1,2,2,3,3 -> MAD 1
    const series = days([100, 102, 98, 101, 99, 100, 103, 97, 100, 250]);
    expect(detectAnomalies(series)).toEqual([
      {
        date: '2026-01-10',
        amount: 250,
        expected: 100,
        excess: 150,
        score: 0.6745 * 150,
      },
    ]);
  });

  it('uses the absolute and relative thresholds when the baseline is flat', () => {
    expect(detectAnomalies(days([...Array(8).fill(50), 80]))).toEqual([
      { date: '2026-01-09', amount: 80, expected: 50, excess: 30, score: null },
    ]);
    expect(detectAnomalies(days([...Array(8).fill(50), 55]))).toEqual([]);
    expect(
      detectAnomalies(days([...Array(8).fill(50), 80]), { minAbsolute: 31 }),
    ).toEqual([]);
  });

  it('ignores drops and days without enough history', () => {
    expect(detectAnomalies(days([100, 100, 100, 500]))).toEqual([]);
    expect(detectAnomalies(days([...Array(8).fill(100), 1]))).toEqual([]);
  });

  it('never flags a constant series', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), v => {
        expect(detectAnomalies(days(Array(20).fill(v)))).toEqual([]);
      }),
    );
  });

  it('computes medians of odd and even lengths', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('computeHints', () => {
  const base: HintInputs = {
    currency: 'EUR',
    resources: [],
    totalCost: 1000,
    untaggedCost: 0,
    onDemandComputeCost: 0,
    committedComputeCost: 0,
    unusedCommitmentCost: 0,
    networkingCost: 0,
    previousNetworkingCost: 0,
  };

  it('returns nothing for healthy spend', () => {
    expect(computeHints(base)).toEqual([]);
  });

  it('finds idle resources, untagged spend, coverage, unused commitments and transfer growth', () => {
    const hints = computeHints({
      ...base,
      resources: [
        {
          resourceId: 'vol-1',
          serviceName: 'Block Storage',
          effectiveCost: 40,
          consumedQuantity: 0,
        },
        {
          resourceId: 'i-2',
          serviceName: 'VMs',
          effectiveCost: 400,
          consumedQuantity: 720,
        },
        {
          resourceId: 'ip-3',
          serviceName: 'IPs',
          effectiveCost: 3,
          consumedQuantity: null,
        },
      ],
      untaggedCost: 100,
      onDemandComputeCost: 300,
      committedComputeCost: 100,
      unusedCommitmentCost: 25,
      networkingCost: 150,
      previousNetworkingCost: 100,
    });
    expect(
      hints.map(h => [h.kind, h.amount, h.estimatedSaving, h.currency]),
    ).toEqual([
      ['idle-resource', 40, 40, 'EUR'],
      ['untagged-spend', 100, null, 'EUR'],
      // 300 on demand of 400 compute (75 %), 30 % typical discount -> 90
      ['commitment-coverage', 300, 90, 'EUR'],
      ['unused-commitment', 25, 25, 'EUR'],
      ['data-transfer-growth', 150, null, 'EUR'],
    ]);
    expect(hints[1].detail).toContain('10 %');
    expect(hints[4].detail).toContain('50 %');
  });
});
