/** @public */
export interface DailyAmount {
  /** `YYYY-MM-DD` */
  date: string;
  amount: number;
}

/**
 * Thresholds of the anomaly detector. A day is an anomaly when all of these
 * hold against the baseline of the `window` days before it: its robust
 * z-score exceeds `threshold`, it is at least `minAbsolute` above the median
 * and at least `minRelative` above it relatively.
 *
 * @public
 */
export interface AnomalyOptions {
  /** Days in the rolling baseline. Default 28. */
  window: number;
  /** Robust z-score threshold. Default 3.5. */
  threshold: number;
  /** Minimum excess over the median, in currency units. Default 10. */
  minAbsolute: number;
  /** Minimum relative excess over the median (0.2 = 20 %). Default 0.2. */
  minRelative: number;
  /** Days of baseline needed before a day is judged. Default 7. */
  minHistory: number;
}

/** @public */
export const DEFAULT_ANOMALY_OPTIONS: AnomalyOptions = {
  window: 28,
  threshold: 3.5,
  minAbsolute: 10,
  minRelative: 0.2,
  minHistory: 7,
};

/** @public */
export interface CostAnomaly {
  date: string;
  amount: number;
  /** Median of the baseline window. */
  expected: number;
  /** `amount - expected`. */
  excess: number;
  /** Robust z-score (0.6745 × deviation / MAD); `null` when MAD is 0. */
  score: number | null;
}

/** @public */
export function median(values: number[]): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Finds days whose spend is unusually high, with a rolling median and the
 * median absolute deviation (MAD) of the preceding `window` days
 * (Iglewicz and Hoaglin's modified z-score, 0.6745 × (x − median) / MAD).
 * When the baseline is flat (MAD = 0) the score is undefined and a day is
 * an anomaly when it passes the absolute and relative thresholds alone.
 * Only increases are reported: drops in spend are not an alarm.
 *
 * @public
 */
export function detectAnomalies(
  series: DailyAmount[],
  options: Partial<AnomalyOptions> = {},
): CostAnomaly[] {
  const opts = { ...DEFAULT_ANOMALY_OPTIONS, ...options };
  const anomalies: CostAnomaly[] = [];
  for (let i = 0; i < series.length; i++) {
    const baseline = series
      .slice(Math.max(0, i - opts.window), i)
      .map(d => d.amount);
    if (baseline.length < opts.minHistory) {
      continue;
    }
    const med = median(baseline);
    const mad = median(baseline.map(v => Math.abs(v - med)));
    const { amount, date } = series[i];
    const excess = amount - med;
    const score = mad === 0 ? null : (0.6745 * excess) / mad;
    const relativeOk =
      med === 0 ? excess > 0 : excess / Math.abs(med) >= opts.minRelative;
    if (
      excess >= opts.minAbsolute &&
      relativeOk &&
      (score === null || score > opts.threshold)
    ) {
      anomalies.push({ date, amount, expected: med, excess, score });
    }
  }
  return anomalies;
}
