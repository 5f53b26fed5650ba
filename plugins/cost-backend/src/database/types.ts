import {
  CostAllocationSelector,
  CostDimension,
} from '@opsdeck/plugin-cost-common';

/**
 * The dimensions of a daily aggregate: one row per distinct combination.
 *
 * @public
 */
export interface DailyAggregateKey {
  day: string;
  billingPeriodStart: string;
  currency: string;
  component: string;
  owner: string;
  system: string;
  environment: string;
  /** Canonical JSON (sorted keys) of all the row's tags. */
  tags: string;
  serviceName: string;
  serviceCategory: string;
  region: string;
  account: string;
  resourceId: string;
  chargeCategory: string;
  pricingCategory: string;
  commitmentStatus: string;
  /** FOCUS 1.3 `AllocatedMethodId` of split-cost rows, '' when not split. */
  allocationMethod: string;
}

/** @public */
export interface DailyAggregate extends DailyAggregateKey {
  billedCost: number;
  effectiveCost: number;
  listCost: number;
  consumedQuantity: number | null;
  rowCount: number;
}

/**
 * Which spend a query covers: rows matching any of the selectors (each one a
 * set of tag pairs that must all match), only unallocated rows, or all.
 *
 * @public
 */
export type CostScope =
  | { type: 'selectors'; selectors: CostAllocationSelector[] }
  | { type: 'unallocated' }
  | { type: 'all' };

/**
 * Narrows a scope: one billing account, or some FOCUS services.
 *
 * @public
 */
export interface CostFilter {
  /** `SubAccountId`, else `BillingAccountId`, of the rows. */
  account?: string;
  /** Rows of any of these `ServiceCategory` values. */
  serviceCategories?: string[];
  /** Rows of any of these `ServiceName` values. */
  serviceNames?: string[];
}

/** @public */
export interface DayRange {
  /** Inclusive, `YYYY-MM-DD`. */
  from: string;
  /** Inclusive, `YYYY-MM-DD`. */
  to: string;
}

/** @public */
export interface DailyAmountRow {
  day: string;
  currency: string;
  amount: number;
}

/** @public */
export interface BreakdownRow extends DailyAmountRow {
  key: string;
}

/** @public */
export interface SpendProfileRow {
  currency: string;
  serviceCategory: string;
  chargeCategory: string;
  pricingCategory: string;
  commitmentStatus: string;
  unallocated: boolean;
  amount: number;
}

/** @public */
export interface ResourceRow {
  currency: string;
  resourceId: string;
  serviceName: string;
  effectiveCost: number;
  consumedQuantity: number | null;
}

/** @public */
export interface AccountRow {
  account: string;
  currency: string;
  amount: number;
}

/**
 * Spend of one period of a comparison, per component, service and resource.
 *
 * @public
 */
export interface PeriodBreakdownRow {
  period: 'previous' | 'current';
  currency: string;
  component: string;
  serviceName: string;
  resourceId: string;
  amount: number;
}

/** @public */
export interface OwnerRow {
  owner: string;
  currency: string;
  amount: number;
}

/** @public */
export interface ImportedPeriod {
  source: string;
  billingPeriodStart: string;
  currency: string | null;
  rowCount: number;
  effectiveCost: number;
}

/** Breakdown dimension. @public */
export type { CostDimension };
