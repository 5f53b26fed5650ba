/**
 * Change of a figure against the previous period. `ratio` is relative
 * (0.1 = +10 %) and `null` when the previous figure is 0.
 *
 * @public
 */
export interface CostChange {
  amount: number;
  ratio: number | null;
}

/** @public */
export function computeChange(current: number, previous: number): CostChange {
  return {
    amount: roundCents(current - previous),
    ratio: previous === 0 ? null : (current - previous) / Math.abs(previous),
  };
}

/**
 * Rounds to 1/10000 of a currency unit, enough to hide floating point noise
 * in sums of billing amounts without changing what is displayed.
 *
 * @public
 */
export function roundCents(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
