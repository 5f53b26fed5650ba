/**
 * A FOCUS row reduced to what cost attribution and insights need.
 *
 * @public
 */
export interface FocusCostRow {
  /** First day of the billing period, `YYYY-MM-DD` (UTC). */
  billingPeriodStart: string;
  /** Day the charge period starts, `YYYY-MM-DD` (UTC). */
  day: string;
  currency: string;
  billedCost: number;
  effectiveCost: number;
  listCost: number;
  chargeCategory: string;
  serviceName: string;
  serviceCategory: string;
  region: string;
  /** `SubAccountId`, else `BillingAccountId`. */
  account: string;
  /** `AllocatedResourceId` of a split-cost row (FOCUS 1.3), else `ResourceId`. */
  resourceId: string;
  /** `AllocatedMethodId` of a split-cost row, else empty. */
  allocationMethod: string;
  pricingCategory: string;
  commitmentDiscountStatus: string;
  consumedQuantity: number | null;
  /** `AllocatedTags` of a split-cost row when it has any, else `Tags`. */
  tags: Record<string, string>;
}

/**
 * A problem found in a file, 1-based line and the column name.
 *
 * @public
 */
export interface FocusProblem {
  line: number;
  column?: string;
  message: string;
}
