/**
 * FOCUS value types the validator understands.
 *
 * @public
 */
export type FocusColumnType =
  | 'decimal'
  | 'string'
  | 'datetime'
  | 'currency'
  | 'json';

/**
 * One FOCUS column as the ingestion needs it.
 *
 * @public
 */
export interface FocusColumnDefinition {
  name: string;
  type: FocusColumnType;
  /** Mandatory columns must be present in every file. */
  mandatory: boolean;
  /** Whether an empty cell is allowed. */
  nullable: boolean;
  /** Allowed values, when the specification enumerates them. */
  allowedValues?: readonly string[];
  /** Columns that may stand in for this one (FOCUS 1.3 renames). */
  alternatives?: readonly string[];
}

/** @public */
export const FOCUS_CHARGE_CATEGORIES = [
  'Usage',
  'Purchase',
  'Tax',
  'Credit',
  'Adjustment',
] as const;

/** @public */
export const FOCUS_SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
] as const;

/** @public */
export const FOCUS_PRICING_CATEGORIES = [
  'Standard',
  'Dynamic',
  'Committed',
  'Other',
] as const;

/** @public */
export const FOCUS_CHARGE_FREQUENCIES = [
  'One-Time',
  'Recurring',
  'Usage-Based',
] as const;

/** @public */
export const FOCUS_COMMITMENT_STATUSES = ['Used', 'Unused'] as const;

const col = (
  name: string,
  type: FocusColumnType,
  mandatory: boolean,
  nullable: boolean,
  extra: Partial<FocusColumnDefinition> = {},
): FocusColumnDefinition => ({ name, type, mandatory, nullable, ...extra });

/**
 * The columns of the FOCUS cost and usage dataset (1.0 to 1.3) that Opsdeck
 * validates. Mandatory columns are those of FOCUS 1.0, which later versions
 * keep; in 1.3 `ServiceProviderName` and `HostProviderName` replace the
 * deprecated `ProviderName` and `PublisherName`, so either spelling is
 * accepted. Other columns (including `x_` custom columns) are ignored.
 *
 * @public
 */
export const FOCUS_COLUMNS: readonly FocusColumnDefinition[] = [
  col('BilledCost', 'decimal', true, false),
  col('BillingAccountId', 'string', true, false),
  col('BillingAccountName', 'string', true, true),
  col('BillingCurrency', 'currency', true, false),
  col('BillingPeriodStart', 'datetime', true, false),
  col('BillingPeriodEnd', 'datetime', true, false),
  col('ChargeCategory', 'string', true, false, {
    allowedValues: FOCUS_CHARGE_CATEGORIES,
  }),
  col('ChargeClass', 'string', true, true, { allowedValues: ['Correction'] }),
  col('ChargeDescription', 'string', true, true),
  col('ChargePeriodStart', 'datetime', true, false),
  col('ChargePeriodEnd', 'datetime', true, false),
  col('ContractedCost', 'decimal', true, false),
  col('EffectiveCost', 'decimal', true, false),
  col('InvoiceIssuerName', 'string', true, false),
  col('ListCost', 'decimal', true, false),
  col('PricingQuantity', 'decimal', true, true),
  col('PricingUnit', 'string', true, true),
  col('ProviderName', 'string', true, false, {
    alternatives: ['ServiceProviderName'],
  }),
  col('PublisherName', 'string', true, false, {
    alternatives: ['HostProviderName', 'ServiceProviderName'],
  }),
  col('ServiceCategory', 'string', true, false, {
    allowedValues: FOCUS_SERVICE_CATEGORIES,
  }),
  col('ServiceName', 'string', true, false),
  col('ChargeFrequency', 'string', false, true, {
    allowedValues: FOCUS_CHARGE_FREQUENCIES,
  }),
  col('PricingCategory', 'string', false, true, {
    allowedValues: FOCUS_PRICING_CATEGORIES,
  }),
  col('CommitmentDiscountStatus', 'string', false, true, {
    allowedValues: FOCUS_COMMITMENT_STATUSES,
  }),
  col('ConsumedQuantity', 'decimal', false, true),
  col('RegionId', 'string', false, true),
  col('RegionName', 'string', false, true),
  col('ResourceId', 'string', false, true),
  col('ResourceName', 'string', false, true),
  col('SubAccountId', 'string', false, true),
  col('Tags', 'json', false, true),
  col('ServiceProviderName', 'string', false, true),
  col('HostProviderName', 'string', false, true),
  // FOCUS 1.3 split cost allocation: the share of a shared resource's cost
  // that the provider allocated to a consuming resource (a Kubernetes
  // workload on a node, a database on a shared instance)
  col('AllocatedMethodId', 'string', false, true),
  col('AllocatedMethodDetails', 'json', false, true),
  col('AllocatedResourceId', 'string', false, true),
  col('AllocatedResourceName', 'string', false, true),
  col('AllocatedTags', 'json', false, true),
  col('ContractApplied', 'json', false, true),
];

/**
 * ISO 4217 currency code shape (three upper-case letters). FOCUS 1.2 also
 * allows virtual currencies for SaaS; those are rejected until supported.
 *
 * @public
 */
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;
