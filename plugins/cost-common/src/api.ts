import { CostAnomaly } from './insights/anomalies';
import { CostChange } from './insights/change';
import { CostHint } from './insights/hints';
import { Trendline } from './insights/forecast';
import { FocusProblem } from './focus/focusRow';

/**
 * Dimensions a daily series can be broken down by.
 *
 * @public
 */
export const COST_DIMENSIONS = [
  'service',
  'category',
  'region',
  'account',
  'resource',
] as const;

/** @public */
export type CostDimension = (typeof COST_DIMENSIONS)[number];

/** @public */
export interface CostSummaryResponse {
  entityRef: string;
  /** Inclusive first day, `YYYY-MM-DD`. */
  from: string;
  /** Inclusive last day, `YYYY-MM-DD`. */
  to: string;
  /** One entry per billing currency; usually exactly one. */
  totals: Array<{
    currency: string;
    amount: number;
    previousAmount: number;
    change: CostChange;
  }>;
}

/** @public */
export interface CostDailyPoint {
  date: string;
  amount: number;
  /** Amount per value of the breakdown dimension. */
  breakdown: Record<string, number>;
}

/** @public */
export interface CostDailySeriesResponse {
  entityRef: string;
  from: string;
  to: string;
  dimension: CostDimension;
  currency: string | null;
  days: CostDailyPoint[];
}

/** @public */
export interface CostForecastResponse {
  entityRef: string;
  currency: string | null;
  /** Month forecast, `YYYY-MM`. */
  month: string;
  lastDayWithData: string | null;
  actualToDate: number;
  forecastTotal: number;
  trend: Trendline;
  projectedDays: Array<{ date: string; amount: number }>;
  budget: CostBudgetStatus | null;
}

/** @public */
export interface CostBudgetStatus {
  amount: number;
  currency: string;
  /** Month-to-date spend over the budget. */
  usedRatio: number;
  /** Forecast over the budget. */
  forecastRatio: number;
  state: 'ok' | 'at-risk' | 'exceeded';
}

/** @public */
export interface CostAnomaliesResponse {
  entityRef: string;
  currency: string | null;
  method: string;
  anomalies: CostAnomaly[];
}

/** @public */
export interface CostHintsResponse {
  entityRef: string;
  from: string;
  to: string;
  hints: CostHint[];
}

/** @public */
export interface CostOverviewResponse {
  from: string;
  to: string;
  currency: string | null;
  total: number;
  unallocated: number;
  byOwner: Array<{
    owner: string;
    amount: number;
    previousAmount: number;
    change: CostChange;
  }>;
}

/** @public */
export interface CostImportResponse {
  source: string;
  rows: number;
  currency: string | null;
  billingPeriods: string[];
  total: number;
}

/**
 * Body of a 400 answer to a rejected file (inside the error's `details`).
 *
 * @public
 */
export interface CostImportRejection {
  problems: FocusProblem[];
  problemCount: number;
}
