import {
  COST_ALLOCATION_TAGS,
  FocusCostRow,
} from '@opsdeck/plugin-cost-common';
import { DailyAggregate } from '../database/types';

/** Aggregates handed to `flushTo` per call. */
export const FLUSH_CHUNK = 5_000;

/**
 * The dimensions of an aggregate's key, each stored as the id of an
 * interned value (tags as the id of their canonical text).
 */
const DAY = 0;
const PERIOD = 1;
const CURRENCY = 2;
const TAGS = 3;
const SERVICE_NAME = 4;
const SERVICE_CATEGORY = 5;
const REGION = 6;
const ACCOUNT = 7;
const RESOURCE = 8;
const CHARGE_CATEGORY = 9;
const PRICING_CATEGORY = 10;
const COMMITMENT_STATUS = 11;
const ALLOCATION_METHOD = 12;
const DIMENSIONS = 13;

interface TagSet {
  canonical: string;
  component: string;
  owner: string;
  system: string;
  environment: string;
}

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
 * A copy of `text` that shares no memory with the file text it was cut from
 * (a slice would keep its whole chunk of the file alive).
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Sums FOCUS rows into daily aggregates keyed by day, billing period,
 * currency, allocation tags, service, category, region, account, resource,
 * pricing and allocation method. `add` is synchronous; the caller flushes when `full` (between
 * batches), and the store sums the partial aggregates when the import
 * commits.
 *
 * Memory stays flat whatever the file size, and small while aggregates are
 * held: a key is a row of value ids in a typed array, found through an
 * open-addressing hash table of slot numbers, and the sums live in typed
 * arrays. Holding tens of thousands of aggregates therefore creates no
 * JavaScript objects that outlive a row, so nothing piles up in the old
 * generation between flushes; the only strings kept are the distinct
 * dimension values, each once.
 */
export class DailyAggregator {
  private capacity: number;
  private count = 0;
  private keys: Int32Array;
  private billed: Float64Array;
  private effective: Float64Array;
  private list: Float64Array;
  private consumed: Float64Array;
  private hasConsumed: Uint8Array;
  private rowCounts: Float64Array;
  /** Slot number + 1 per bucket; 0 is an empty bucket. */
  private buckets: Int32Array;

  /** Interned dimension values (kept across flushes up to a bound). */
  private valueIds = new Map<string, number>();
  private values: string[] = [];
  /** Canonical tag sets by id, and the id per tag object rows share. */
  private tagSets: TagSet[] = [];
  private tagIds = new Map<string, number>();
  private tagIdsByObject = new WeakMap<Record<string, string>, number>();

  private readonly key = new Int32Array(DIMENSIONS);
  private readonly periods = new Set<string>();
  private totalCost = 0;
  private rowCount = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly flushTo: (rows: DailyAggregate[]) => Promise<void>,
  ) {
    this.capacity = Math.max(16, maxKeys);
    this.keys = new Int32Array(this.capacity * DIMENSIONS);
    this.billed = new Float64Array(this.capacity);
    this.effective = new Float64Array(this.capacity);
    this.list = new Float64Array(this.capacity);
    this.consumed = new Float64Array(this.capacity);
    this.hasConsumed = new Uint8Array(this.capacity);
    this.rowCounts = new Float64Array(this.capacity);
    this.buckets = new Int32Array(bucketCount(this.capacity));
  }

  add(row: FocusCostRow): void {
    const key = this.key;
    key[DAY] = this.valueId(row.day);
    key[PERIOD] = this.valueId(row.billingPeriodStart);
    key[CURRENCY] = this.valueId(row.currency);
    key[TAGS] = this.tagId(row.tags);
    key[SERVICE_NAME] = this.valueId(row.serviceName);
    key[SERVICE_CATEGORY] = this.valueId(row.serviceCategory);
    key[REGION] = this.valueId(row.region);
    key[ACCOUNT] = this.valueId(row.account);
    key[RESOURCE] = this.valueId(row.resourceId);
    key[CHARGE_CATEGORY] = this.valueId(row.chargeCategory);
    key[PRICING_CATEGORY] = this.valueId(row.pricingCategory);
    key[COMMITMENT_STATUS] = this.valueId(row.commitmentDiscountStatus);
    key[ALLOCATION_METHOD] = this.valueId(row.allocationMethod);

    this.periods.add(row.billingPeriodStart);
    this.totalCost += row.effectiveCost;
    this.rowCount += 1;

    const slot = this.slotOf(key);
    this.billed[slot] += row.billedCost;
    this.effective[slot] += row.effectiveCost;
    this.list[slot] += row.listCost;
    if (row.consumedQuantity !== null) {
      this.consumed[slot] += row.consumedQuantity;
      this.hasConsumed[slot] = 1;
    }
    this.rowCounts[slot] += 1;
  }

  /** True when the partial aggregates should be flushed. */
  get full(): boolean {
    return this.count >= this.maxKeys;
  }

  /** Hands the held aggregates to `flushTo`, {@link FLUSH_CHUNK} at a time. */
  async flush(): Promise<void> {
    const count = this.count;
    for (let start = 0; start < count; start += FLUSH_CHUNK) {
      const end = Math.min(count, start + FLUSH_CHUNK);
      const rows: DailyAggregate[] = [];
      for (let slot = start; slot < end; slot++) {
        rows.push(this.aggregate(slot));
      }
      await this.flushTo(rows);
    }
    this.clear();
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

  private aggregate(slot: number): DailyAggregate {
    const at = slot * DIMENSIONS;
    const keys = this.keys;
    const value = (dimension: number) => this.values[keys[at + dimension]];
    const tags = this.tagSets[keys[at + TAGS]];
    return {
      day: value(DAY),
      billingPeriodStart: value(PERIOD),
      currency: value(CURRENCY),
      component: tags.component,
      owner: tags.owner,
      system: tags.system,
      environment: tags.environment,
      tags: tags.canonical,
      serviceName: value(SERVICE_NAME),
      serviceCategory: value(SERVICE_CATEGORY),
      region: value(REGION),
      account: value(ACCOUNT),
      resourceId: value(RESOURCE),
      chargeCategory: value(CHARGE_CATEGORY),
      pricingCategory: value(PRICING_CATEGORY),
      commitmentStatus: value(COMMITMENT_STATUS),
      allocationMethod: value(ALLOCATION_METHOD),
      billedCost: this.billed[slot],
      effectiveCost: this.effective[slot],
      listCost: this.list[slot],
      consumedQuantity: this.hasConsumed[slot] ? this.consumed[slot] : null,
      rowCount: this.rowCounts[slot],
    };
  }

  private clear(): void {
    const count = this.count;
    this.count = 0;
    this.buckets.fill(0);
    this.billed.fill(0, 0, count);
    this.effective.fill(0, 0, count);
    this.list.fill(0, 0, count);
    this.consumed.fill(0, 0, count);
    this.hasConsumed.fill(0, 0, count);
    this.rowCounts.fill(0, 0, count);
    // Values recur from one flush to the next (days, services, resources):
    // keep them unless there are more than aggregates can use.
    if (this.values.length > 2 * this.maxKeys) {
      this.valueIds = new Map();
      this.values = [];
    }
    if (this.tagSets.length > this.maxKeys) {
      this.tagSets = [];
      this.tagIds = new Map();
      this.tagIdsByObject = new WeakMap();
    }
  }

  private valueId(text: string): number {
    let id = this.valueIds.get(text);
    if (id === undefined) {
      const copy = detached(text);
      id = this.values.length;
      this.values.push(copy);
      this.valueIds.set(copy, id);
    }
    return id;
  }

  /** Rows share tag objects (the validator caches them): one lookup each. */
  private tagId(tags: Record<string, string>): number {
    let id = this.tagIdsByObject.get(tags);
    if (id === undefined) {
      const canonical = canonicalTags(tags);
      id = this.tagIds.get(canonical);
      if (id === undefined) {
        id = this.tagSets.length;
        this.tagSets.push({
          canonical,
          component: detached(tags[COST_ALLOCATION_TAGS.component] ?? ''),
          owner: detached(tags[COST_ALLOCATION_TAGS.owner] ?? ''),
          system: detached(tags[COST_ALLOCATION_TAGS.system] ?? ''),
          environment: detached(tags[COST_ALLOCATION_TAGS.environment] ?? ''),
        });
        this.tagIds.set(canonical, id);
      }
      this.tagIdsByObject.set(tags, id);
    }
    return id;
  }

  /** The slot holding `key`, a new zeroed one when the key is new. */
  private slotOf(key: Int32Array): number {
    const mask = this.buckets.length - 1;
    let bucket = hashKey(key) & mask;
    for (;;) {
      const entry = this.buckets[bucket];
      if (entry === 0) {
        break;
      }
      const slot = entry - 1;
      if (this.sameKey(slot, key)) {
        return slot;
      }
      bucket = (bucket + 1) & mask;
    }
    if (this.count === this.capacity) {
      this.grow();
      return this.slotOf(key);
    }
    const slot = this.count++;
    this.keys.set(key, slot * DIMENSIONS);
    this.buckets[bucket] = slot + 1;
    return slot;
  }

  private sameKey(slot: number, key: Int32Array): boolean {
    const keys = this.keys;
    const at = slot * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++) {
      if (keys[at + d] !== key[d]) {
        return false;
      }
    }
    return true;
  }

  /**
   * More keys than `maxKeys` arrived within one batch of rows (the caller
   * flushes only between batches): double the arrays and rehash.
   */
  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = <T extends Float64Array | Uint8Array | Int32Array>(
      old: T,
      make: (length: number) => T,
      length: number,
    ): T => {
      const next = make(length);
      next.set(old);
      return next;
    };
    this.keys = widen(this.keys, n => new Int32Array(n), capacity * DIMENSIONS);
    this.billed = widen(this.billed, n => new Float64Array(n), capacity);
    this.effective = widen(this.effective, n => new Float64Array(n), capacity);
    this.list = widen(this.list, n => new Float64Array(n), capacity);
    this.consumed = widen(this.consumed, n => new Float64Array(n), capacity);
    this.hasConsumed = widen(
      this.hasConsumed,
      n => new Uint8Array(n),
      capacity,
    );
    this.rowCounts = widen(this.rowCounts, n => new Float64Array(n), capacity);
    this.capacity = capacity;
    this.buckets = new Int32Array(bucketCount(capacity));
    const mask = this.buckets.length - 1;
    const key = new Int32Array(DIMENSIONS);
    for (let slot = 0; slot < this.count; slot++) {
      key.set(this.keys.subarray(slot * DIMENSIONS, (slot + 1) * DIMENSIONS));
      let bucket = hashKey(key) & mask;
      while (this.buckets[bucket] !== 0) {
        bucket = (bucket + 1) & mask;
      }
      this.buckets[bucket] = slot + 1;
    }
  }
}

/** A power of two at least twice `capacity`: probes stay short. */
function bucketCount(capacity: number): number {
  let n = 1;
  while (n < capacity * 2) {
    n *= 2;
  }
  return n;
}

/** FNV-1a over the key's ids, then a final avalanche. */
function hashKey(key: Int32Array): number {
  let h = 0x811c9dc5;
  for (let d = 0; d < DIMENSIONS; d++) {
    h = Math.imul(h ^ key[d], 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
