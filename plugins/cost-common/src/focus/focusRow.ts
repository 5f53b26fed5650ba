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
  resourceId: string;
  pricingCategory: string;
  commitmentDiscountStatus: string;
  consumedQuantity: number | null;
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
