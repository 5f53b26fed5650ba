import {
  BreakdownRow,
  CostDimension,
  CostScope,
  DailyAggregate,
  DailyAmountRow,
  DayRange,
  ImportedPeriod,
  OwnerRow,
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
  ): Promise<BreakdownRow[]>;
  spendProfile(scope: CostScope, range: DayRange): Promise<SpendProfileRow[]>;
  resources(scope: CostScope, range: DayRange): Promise<ResourceRow[]>;
  amountsByOwner(range: DayRange): Promise<OwnerRow[]>;
  /** Last day with data, `YYYY-MM-DD`, or null when nothing was imported. */
  lastDay(): Promise<string | null>;
}
