import {
  COST_ALLOCATION_TAGS,
  FocusCostRow,
} from '@opsdeck/plugin-cost-common';
import { DailyAggregate } from '../database/types';

function canonicalTags(tags: Record<string, string>): string {
  const keys = Object.keys(tags);
  if (keys.length === 0) {
    return '{}';
  }
  keys.sort();
  const sorted: Record<string, string> = {};
  for (const k of keys) {
    sorted[k] = tags[k];
  }
  return JSON.stringify(sorted);
}

/**
 * Sums FOCUS rows into daily aggregates keyed by day, billing period,
 * allocation tags, service, category, region, account, resource and pricing.
 * When it holds `maxKeys` aggregates it hands them to `flush` and starts
 * again, so memory stays bounded whatever the file size; the store sums the
 * partial aggregates when the import commits.
 */
export class DailyAggregator {
  private readonly aggregates = new Map<string, DailyAggregate>();
  /** Rows share tag objects (the validator caches them): canonical text per object. */
  private readonly canonical = new WeakMap<Record<string, string>, string>();
  private readonly periods = new Set<string>();
  private totalCost = 0;
  private rowCount = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly flushTo: (rows: DailyAggregate[]) => Promise<void>,
  ) {}

  async add(row: FocusCostRow): Promise<void> {
    let tags = this.canonical.get(row.tags);
    if (tags === undefined) {
      tags = canonicalTags(row.tags);
      this.canonical.set(row.tags, tags);
    }
    const key = [
      row.day,
      row.billingPeriodStart,
      row.currency,
      tags,
      row.serviceName,
      row.serviceCategory,
      row.region,
      row.account,
      row.resourceId,
      row.chargeCategory,
      row.pricingCategory,
      row.commitmentDiscountStatus,
    ].join('\u0000');
    this.periods.add(row.billingPeriodStart);
    this.totalCost += row.effectiveCost;
    this.rowCount += 1;
    const existing = this.aggregates.get(key);
    if (existing) {
      existing.billedCost += row.billedCost;
      existing.effectiveCost += row.effectiveCost;
      existing.listCost += row.listCost;
      if (row.consumedQuantity !== null) {
        existing.consumedQuantity =
          (existing.consumedQuantity ?? 0) + row.consumedQuantity;
      }
      existing.rowCount += 1;
      return;
    }
    this.aggregates.set(key, {
      day: row.day,
      billingPeriodStart: row.billingPeriodStart,
      currency: row.currency,
      component: row.tags[COST_ALLOCATION_TAGS.component] ?? '',
      owner: row.tags[COST_ALLOCATION_TAGS.owner] ?? '',
      system: row.tags[COST_ALLOCATION_TAGS.system] ?? '',
      environment: row.tags[COST_ALLOCATION_TAGS.environment] ?? '',
      tags,
      serviceName: row.serviceName,
      serviceCategory: row.serviceCategory,
      region: row.region,
      account: row.account,
      resourceId: row.resourceId,
      chargeCategory: row.chargeCategory,
      pricingCategory: row.pricingCategory,
      commitmentStatus: row.commitmentDiscountStatus,
      billedCost: row.billedCost,
      effectiveCost: row.effectiveCost,
      listCost: row.listCost,
      consumedQuantity: row.consumedQuantity,
      rowCount: 1,
    });
    if (this.aggregates.size >= this.maxKeys) {
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.aggregates.size === 0) {
      return;
    }
    const rows = [...this.aggregates.values()];
    this.aggregates.clear();
    await this.flushTo(rows);
  }

  get billingPeriods(): string[] {
    return [...this.periods].sort();
  }

  get rows(): number {
    return this.rowCount;
  }

  get total(): number {
    return this.totalCost;
  }
}
