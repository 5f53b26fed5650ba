import {
  AccountRow,
  BreakdownRow,
  CostDimension,
  CostFilter,
  CostScope,
  DailyAggregate,
  DailyAmountRow,
  DayRange,
  ImportedPeriod,
  OwnerRow,
  PeriodBreakdownRow,
  ResourceRow,
  SpendProfileRow,
} from './types';

/**
 * Where cost aggregates live. The Knex implementation keeps them in the
 * Backstage database; a warehouse holding the billing export (BigQuery,
 * Athena) can implement the same interface and answer the queries itself.
 *
 * An import writes partial aggregates with `stageAggregates` while the file
 * streams, then `commitImport` replaces the source's billing periods with
 * the staged figures atomically, or `discardImport` drops them.
 *
 * @public
 */
export interface CostStore {
  stageAggregates(importId: string, rows: DailyAggregate[]): Promise<void>;
  commitImport(options: {
    importId: string;
    source: string;
    billingPeriods: string[];
    currency: string | null;
  }): Promise<ImportedPeriod[]>;
  discardImport(importId: string): Promise<void>;

  /** Daily effective cost; `usageOnly` keeps `ChargeCategory = Usage` rows. */
  dailyAmounts(
    scope: CostScope,
    range: DayRange,
    options?: { usageOnly?: boolean },
  ): Promise<DailyAmountRow[]>;
  dailyBreakdown(
    scope: CostScope,
    range: DayRange,
    dimension: CostDimension,
    filter?: CostFilter,
  ): Promise<BreakdownRow[]>;
  spendProfile(scope: CostScope, range: DayRange): Promise<SpendProfileRow[]>;
  resources(scope: CostScope, range: DayRange): Promise<ResourceRow[]>;
  amountsByOwner(range: DayRange): Promise<OwnerRow[]>;
  /** Spend per billing account. */
  amountsByAccount(scope: CostScope, range: DayRange): Promise<AccountRow[]>;
  /** Whether an import has billed spend to the account (it is never forgotten). */
  hasAccount(account: string): Promise<boolean>;
  /** Distinct `ServiceName` values with spend, sorted. */
  serviceNames(
    scope: CostScope,
    range: DayRange,
    filter?: CostFilter,
  ): Promise<string[]>;
  /** Spend of two periods per component, service and resource. */
  periodBreakdown(
    scope: CostScope,
    periods: { previous: DayRange; current: DayRange },
    filter: CostFilter,
  ): Promise<PeriodBreakdownRow[]>;
  /** Last day with data, `YYYY-MM-DD`, or null when nothing was imported. */
  lastDay(): Promise<string | null>;
}
