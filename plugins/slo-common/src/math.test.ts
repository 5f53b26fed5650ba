import fc from 'fast-check';
import {
  burnRate,
  errorBudget,
  errorRatio,
  sli,
  timeToExhaustion,
} from './math';
import { burnRateStatus, WORKBOOK_WINDOWS_SECONDS } from './burnRateAlerts';

describe('SLO math', () => {
  it('computes the SRE workbook figures for 99.9% over 30 days', () => {
    const budget = errorBudget(
      0.999,
      { errors: 500, total: 1_000_000 },
      30 * 86400,
    )!;
    expect(budget.attainment).toBeCloseTo(0.9995, 12);
    expect(budget.total).toBeCloseTo(0.001, 12);
    expect(budget.consumed).toBeCloseTo(0.5, 12);
    expect(budget.remaining).toBeCloseTo(0.5, 12);
    expect(budget.totalSeconds).toBeCloseTo(43.2 * 60, 6);
    expect(budget.remainingSeconds).toBeCloseTo(21.6 * 60, 6);
    // A burn rate of 14.4 spends a whole 30-day budget in 50 hours.
    expect(timeToExhaustion(1, 14.4, 30 * 86400)).toBeCloseTo(50 * 3600, 6);
  });

  it('never reads no traffic as 100%', () => {
    expect(sli({ errors: 0, total: 0 })).toBeUndefined();
    expect(errorRatio({ errors: NaN, total: 10 })).toBeUndefined();
    expect(burnRate(0.999, { errors: 0, total: 0 })).toBeUndefined();
    expect(errorBudget(0.999, { errors: 0, total: 0 }, 3600)).toBeUndefined();
    expect(
      errorBudget(0.999, { errors: 1, total: Infinity }, 3600),
    ).toBeUndefined();
    expect(timeToExhaustion(0.5, 0, 3600)).toBeUndefined();
    expect(timeToExhaustion(-0.2, 3, 3600)).toBe(0);
  });

  it('keeps the budget identities for any counts (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.99999, noNaN: true }),
        (total, badShare, target) => {
          const errors = Math.floor(total * badShare);
          const budget = errorBudget(target, { errors, total }, 86400)!;
          expect(budget.consumed + budget.remaining).toBeCloseTo(1, 9);
          expect(budget.attainment).toBeGreaterThanOrEqual(0);
          expect(budget.attainment).toBeLessThanOrEqual(1);
          expect(burnRate(target, { errors, total })).toBeCloseTo(
            budget.consumed,
            9,
          );
        },
      ),
    );
  });

  it('judges the multi-window multi-burn-rate pairs', () => {
    const counts = (ratios: Record<number, number>) =>
      new Map(
        WORKBOOK_WINDOWS_SECONDS.map(w => [
          w,
          { errors: (ratios[w] ?? 0) * 1e6, total: 1e6 },
        ]),
      );
    // 1h and 5m above 14.4 × 0.001: page.
    expect(
      burnRateStatus(0.999, counts({ 3600: 0.015, 300: 0.02 })).status,
    ).toBe('page');
    // 1h above but 5m below: the problem has stopped, no page.
    const recovered = burnRateStatus(
      0.999,
      counts({ 3600: 0.015, 300: 0.001 }),
    );
    expect(recovered.status).toBe('ok');
    expect(recovered.pairs[0].state).toBe('ok');
    expect(recovered.pairs[0].longBurnRate).toBeCloseTo(15, 9);
    // 3d and 6h above 1: ticket.
    expect(
      burnRateStatus(0.999, counts({ 259200: 0.002, 21600: 0.0015 })).status,
    ).toBe('ticket');
    // No traffic anywhere: no data, not ok.
    const empty = new Map(
      WORKBOOK_WINDOWS_SECONDS.map(w => [w, { errors: 0, total: 0 }]),
    );
    expect(burnRateStatus(0.999, empty).status).toBe('no-data');
  });
});
