/**
 * Error-budget arithmetic. Counts are events (Occurrences) or time slices
 * (Timeslices); every function returns undefined instead of dividing by zero,
 * so no traffic never reads as 100%.
 */

/** Bad and total counts over one window. @public */
export interface WindowCounts {
  errors: number;
  total: number;
}

function usable(counts: WindowCounts | undefined): counts is WindowCounts {
  return (
    counts !== undefined &&
    Number.isFinite(counts.errors) &&
    Number.isFinite(counts.total) &&
    counts.total > 0 &&
    counts.errors >= 0
  );
}

/**
 * Fraction of bad events in a window, or undefined when the window saw no
 * traffic.
 *
 * @public
 */
export function errorRatio(
  counts: WindowCounts | undefined,
): number | undefined {
  if (!usable(counts)) {
    return undefined;
  }
  return Math.min(1, counts.errors / counts.total);
}

/**
 * The service level indicator over a window (fraction of good events), or
 * undefined without traffic.
 *
 * @public
 */
export function sli(counts: WindowCounts | undefined): number | undefined {
  const ratio = errorRatio(counts);
  return ratio === undefined ? undefined : 1 - ratio;
}

/**
 * How fast the error budget burns: the window's error ratio divided by the
 * error ratio the objective allows. 1 spends exactly the budget over the SLO
 * window.
 *
 * @public
 */
export function burnRate(
  target: number,
  counts: WindowCounts | undefined,
): number | undefined {
  const ratio = errorRatio(counts);
  if (ratio === undefined || !(target < 1)) {
    return undefined;
  }
  return ratio / (1 - target);
}

/** Error budget over the SLO window. @public */
export interface ErrorBudget {
  /** Attainment: the SLI over the whole SLO window. */
  attainment: number;
  /** Allowed error ratio: 1 - target. */
  total: number;
  /** Fraction of the budget spent (above 1 when overspent). */
  consumed: number;
  /** Fraction of the budget left (negative when overspent). */
  remaining: number;
  /** The whole budget as a length of full outage over the window, in seconds. */
  totalSeconds: number;
  /** What is left of it, in seconds (negative when overspent). */
  remainingSeconds: number;
}

/**
 * Error budget total, consumed and remaining from the SLO window's counts,
 * or undefined without traffic.
 *
 * @public
 */
export function errorBudget(
  target: number,
  counts: WindowCounts | undefined,
  windowSeconds: number,
): ErrorBudget | undefined {
  const ratio = errorRatio(counts);
  if (ratio === undefined || !(target < 1) || !(windowSeconds > 0)) {
    return undefined;
  }
  const total = 1 - target;
  const consumed = ratio / total;
  const remaining = 1 - consumed;
  const totalSeconds = total * windowSeconds;
  return {
    attainment: 1 - ratio,
    total,
    consumed,
    remaining,
    totalSeconds,
    remainingSeconds: remaining * totalSeconds,
  };
}

/**
 * Seconds until the remaining budget is spent at the given burn rate: 0 when
 * already spent, undefined when the budget is not burning.
 *
 * @public
 */
export function timeToExhaustion(
  remainingFraction: number,
  rate: number | undefined,
  windowSeconds: number,
): number | undefined {
  if (remainingFraction <= 0) {
    return 0;
  }
  if (rate === undefined || !(rate > 0) || !Number.isFinite(rate)) {
    return undefined;
  }
  return (remainingFraction * windowSeconds) / rate;
}
