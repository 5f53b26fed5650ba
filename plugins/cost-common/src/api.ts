import { CostAnomaly } from './insights/anomalies';
import { CostChange } from './insights/change';
import { CostHint } from './insights/hints';
import { Trendline } from './insights/forecast';
import { FocusProblem } from './focus/focusRow';
import { CostDayRange } from './insights/intervals';
import { CostProductMatch } from './insights/products';

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
  'allocation',
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

/**
 * The billing accounts an entity's spend is billed to: FOCUS `SubAccountId`
 * (AWS account, GCP project, Azure subscription), else `BillingAccountId`.
 * Amounts are in `currency`, the main currency of the spend; largest first.
 *
 * @public
 */
export interface CostAccountsResponse {
  entityRef: string;
  from: string;
  to: string;
  currency: string | null;
  accounts: Array<{ id: string; amount: number }>;
}

/**
 * Daily cost of everything billed to one account, whichever entity it is
 * attributed to.
 *
 * @public
 */
export interface CostAccountDailySeriesResponse {
  account: string;
  from: string;
  to: string;
  dimension: CostDimension;
  currency: string | null;
  days: CostDailyPoint[];
}

/**
 * The spend on a product in two periods, `[previous, current]`, broken down
 * under `entities` (the shape of the community cost-insights `Entity`).
 * `id` is null for spend with no value in the breakdown's dimension.
 *
 * @public
 */
export interface CostProductEntity {
  id: string | null;
  aggregation: [number, number];
  change: CostChange;
  entities: Record<string, CostProductEntity[]>;
}

/**
 * A product's spend in an entity's scope (optionally one account only) in
 * the last two periods of a repeating interval: by component, and within a
 * component by resource and by service.
 *
 * @public
 */
export interface CostProductInsightsResponse {
  entityRef: string;
  product: string;
  /** The FOCUS values the product key was matched to. */
  match: CostProductMatch;
  account: string | null;
  currency: string | null;
  previous: CostDayRange;
  current: CostDayRange;
  entity: CostProductEntity;
}
