import { roundCents } from './change';

/**
 * A least-squares line over daily amounts, `x` counted in days from the first
 * day of the series (day 0).
 *
 * @public
 */
export interface Trendline {
  slope: number;
  intercept: number;
}

/** @public */
export function linearTrend(amounts: number[]): Trendline {
  const n = amounts.length;
  if (n === 0) {
    return { slope: 0, intercept: 0 };
  }
  if (n === 1) {
    return { slope: 0, intercept: amounts[0] };
  }
  const meanX = (n - 1) / 2;
  const meanY = amounts.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  amounts.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) * (x - meanX);
  });
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/** @public */
export interface MonthEndForecast {
  /** Spend from the first day of the month up to the last day with data. */
  actualToDate: number;
  /** Projected spend of the remaining days of the month. */
  projectedRemainder: number;
  /** `actualToDate + projectedRemainder`. */
  forecastTotal: number;
  trend: Trendline;
  /** Projected amount of each remaining day, from the trend line (never below 0). */
  projectedDays: number[];
}

/**
 * Forecasts the month's total: the days with data are summed, and each
 * remaining day is the trend line (fitted over `history`, the last days up to
 * and including the last day with data) evaluated at that day, floored at 0.
 *
 * @param history - daily amounts ending with the last day with data
 * @param monthToDate - how many of those days belong to the current month
 * @param daysInMonth - length of the month
 * @public
 */
export function forecastMonthEnd(
  history: number[],
  monthToDate: number,
  daysInMonth: number,
): MonthEndForecast {
  const trend = linearTrend(history);
  const actualToDate = history
    .slice(history.length - monthToDate)
    .reduce((a, b) => a + b, 0);
  const projectedDays: number[] = [];
  for (let i = 0; i < daysInMonth - monthToDate; i++) {
    const x = history.length + i;
    projectedDays.push(Math.max(0, trend.intercept + trend.slope * x));
  }
  const projectedRemainder = projectedDays.reduce((a, b) => a + b, 0);
  return {
    actualToDate: roundCents(actualToDate),
    projectedRemainder: roundCents(projectedRemainder),
    forecastTotal: roundCents(actualToDate + projectedRemainder),
    trend,
    projectedDays: projectedDays.map(roundCents),
  };
}
