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
 * `add` is synchronous; the caller flushes when `full` (between batches), so
 * memory stays bounded whatever the file size; the store sums the partial
 * aggregates when the import commits.
 */
export class DailyAggregator {
  private readonly aggregates = new Map<string, DailyAggregate>();
  /**
   * Rows share tag objects (the validator caches them): canonical text per
   * object, and a short id per canonical text to keep aggregate keys short.
   */
  private canonical = new WeakMap<
    Record<string, string>,
    { text: string; id: number }
  >();
  private readonly tagIds = new Map<string, number>();
  /** Dimension values, copied out of the file text they were cut from. */
  private readonly values = new Map<string, string>();
  private readonly periods = new Set<string>();
  private totalCost = 0;
  private rowCount = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly flushTo: (rows: DailyAggregate[]) => Promise<void>,
  ) {}

  add(row: FocusCostRow): void {
    let canonical = this.canonical.get(row.tags);
    if (canonical === undefined) {
      const text = canonicalTags(row.tags);
      let id = this.tagIds.get(text);
      if (id === undefined) {
        id = this.tagIds.size;
        this.tagIds.set(text, id);
      }
      canonical = { text, id };
      this.canonical.set(row.tags, canonical);
    }
    const tags = canonical.text;
    // one currency per file: it is not part of the key
    const key = `${row.day}\u0000${row.billingPeriodStart}\u0000${canonical.id}\u0000${row.serviceName}\u0000${row.serviceCategory}\u0000${row.region}\u0000${row.account}\u0000${row.resourceId}\u0000${row.chargeCategory}\u0000${row.pricingCategory}\u0000${row.commitmentDiscountStatus}`;
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
      currency: this.value(row.currency),
      component: row.tags[COST_ALLOCATION_TAGS.component] ?? '',
      owner: row.tags[COST_ALLOCATION_TAGS.owner] ?? '',
      system: row.tags[COST_ALLOCATION_TAGS.system] ?? '',
      environment: row.tags[COST_ALLOCATION_TAGS.environment] ?? '',
      tags,
      serviceName: this.value(row.serviceName),
      serviceCategory: this.value(row.serviceCategory),
      region: this.value(row.region),
      account: this.value(row.account),
      resourceId: this.value(row.resourceId),
      chargeCategory: this.value(row.chargeCategory),
      pricingCategory: this.value(row.pricingCategory),
      commitmentStatus: this.value(row.commitmentDiscountStatus),
      billedCost: row.billedCost,
      effectiveCost: row.effectiveCost,
      listCost: row.listCost,
      consumedQuantity: row.consumedQuantity,
      rowCount: 1,
    });
  }

  private value(text: string): string {
    let copy = this.values.get(text);
    if (copy === undefined) {
      copy = Buffer.from(text, 'utf8').toString('utf8');
      this.values.set(copy, copy);
    }
    return copy;
  }

  /** True when the partial aggregates should be flushed. */
  get full(): boolean {
    return this.aggregates.size >= this.maxKeys;
  }

  async flush(): Promise<void> {
    if (this.aggregates.size === 0) {
      return;
    }
    const rows = [...this.aggregates.values()];
    this.aggregates.clear();
    this.values.clear();
    this.tagIds.clear();
    this.canonical = new WeakMap();
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
