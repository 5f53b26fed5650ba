import { WindowCounts, burnRate } from './math';

/** @public */
export type AlertSeverity = 'page' | 'ticket';

/** A long/short window pair of the multi-window, multi-burn-rate alerts. @public */
export interface BurnRateWindowPair {
  /** `page`, `ticket`, or the severity of an OpenSLO alert condition. */
  severity: string;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  /** Burn rate both windows must exceed. */
  threshold: number;
  /** Fraction of a 30-day budget spent by the time the alert fires. */
  budgetConsumed: number;
}

/**
 * The SRE workbook's recommended windows: page at 14.4 over 1h (with 5m) or
 * 6 over 6h (with 30m); ticket at 1 over 3d (with 6h).
 *
 * @public
 */
export const WORKBOOK_WINDOW_PAIRS: readonly BurnRateWindowPair[] = [
  {
    severity: 'page',
    longWindowSeconds: 3600,
    shortWindowSeconds: 300,
    threshold: 14.4,
    budgetConsumed: 0.02,
  },
  {
    severity: 'page',
    longWindowSeconds: 21600,
    shortWindowSeconds: 1800,
    threshold: 6,
    budgetConsumed: 0.05,
  },
  {
    severity: 'ticket',
    longWindowSeconds: 259200,
    shortWindowSeconds: 21600,
    threshold: 1,
    budgetConsumed: 0.1,
  },
];

/** Every window the workbook alerts look at, shortest first. @public */
export const WORKBOOK_WINDOWS_SECONDS: readonly number[] = [
  ...new Set(
    WORKBOOK_WINDOW_PAIRS.flatMap(p => [
      p.longWindowSeconds,
      p.shortWindowSeconds,
    ]),
  ),
].sort((a, b) => a - b);

/** State of one window pair. @public */
export interface BurnRatePairStatus extends BurnRateWindowPair {
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** `no-data` when either window saw no traffic. */
  state: 'firing' | 'ok' | 'no-data';
}

/** @public */
export interface BurnRateStatus {
  /** `page` when a page pair fires, `ticket` when only other pairs fire, `ok`, or `no-data` when no pair could be judged. */
  status: AlertSeverity | 'ok' | 'no-data';
  pairs: BurnRatePairStatus[];
}

/**
 * Multi-window, multi-burn-rate status: a pair fires when both its long and
 * its short window burn faster than the threshold.
 *
 * @public
 */
export function burnRateStatus(
  target: number,
  countsByWindow: ReadonlyMap<number, WindowCounts>,
  pairs: readonly BurnRateWindowPair[] = WORKBOOK_WINDOW_PAIRS,
): BurnRateStatus {
  const statuses = pairs.map((pair): BurnRatePairStatus => {
    const long = burnRate(target, countsByWindow.get(pair.longWindowSeconds));
    const short = burnRate(target, countsByWindow.get(pair.shortWindowSeconds));
    let state: BurnRatePairStatus['state'];
    if (long === undefined || short === undefined) {
      state = 'no-data';
    } else {
      state = long > pair.threshold && short > pair.threshold ? 'firing' : 'ok';
    }
    return {
      ...pair,
      longBurnRate: long ?? null,
      shortBurnRate: short ?? null,
      state,
    };
  });
  const firing = statuses.filter(s => s.state === 'firing');
  let status: BurnRateStatus['status'];
  if (firing.some(s => s.severity === 'page')) {
    status = 'page';
  } else if (firing.length > 0) {
    status = 'ticket';
  } else if (statuses.every(s => s.state === 'no-data')) {
    status = 'no-data';
  } else {
    status = 'ok';
  }
  return { status, pairs: statuses };
}
