import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import { Knex } from 'knex';
import { CostStore } from './CostStore';
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

const MIGRATIONS_DIR = resolvePackagePath(
  '@opsdeck/plugin-cost-backend',
  'migrations',
);

const KEY_COLUMNS = [
  'day',
  'billing_period_start',
  'currency',
  'component',
  'owner',
  'system',
  'environment',
  'tags',
  'service_name',
  'service_category',
  'region',
  'account',
  'resource_id',
  'charge_category',
  'pricing_category',
  'commitment_status',
  'allocation_method',
] as const;

const TAG_COLUMNS: Record<string, string> = {
  [COST_ALLOCATION_TAGS.component]: 'component',
  [COST_ALLOCATION_TAGS.owner]: 'owner',
  [COST_ALLOCATION_TAGS.system]: 'system',
  [COST_ALLOCATION_TAGS.environment]: 'environment',
};

const DIMENSION_COLUMNS: Record<CostDimension, string> = {
  service: 'service_name',
  category: 'service_category',
  region: 'region',
  account: 'account',
  resource: 'resource_id',
  allocation: 'allocation_method',
};

const NUMBER_COLUMNS = [
  'billed_cost',
  'effective_cost',
  'list_cost',
  'consumed_quantity',
  'row_count',
] as const;

const STAGING_COLUMNS = ['import_id', ...KEY_COLUMNS, ...NUMBER_COLUMNS];

/** Aggregates sent to the database per statement, as one JSON parameter. */
const STAGING_BATCH = 5000;

function toStagingRow(importId: string, a: DailyAggregate): unknown[] {
  return [
    importId,
    a.day,
    a.billingPeriodStart,
    a.currency,
    a.component,
    a.owner,
    a.system,
    a.environment,
    a.tags,
    a.serviceName,
    a.serviceCategory,
    a.region,
    a.account,
    a.resourceId,
    a.chargeCategory,
    a.pricingCategory,
    a.commitmentStatus,
    a.allocationMethod,
    a.billedCost,
    a.effectiveCost,
    a.listCost,
    a.consumedQuantity,
    a.rowCount,
  ];
}

/**
 * One INSERT of many staged aggregates: the rows travel as a single JSON
 * array of arrays (no per-value bindings) that the database unpacks.
 */
function stagingInsert(client: string): string {
  const columns = STAGING_COLUMNS.join(', ');
  const numeric = new Set<string>(NUMBER_COLUMNS);
  if (client === 'pg') {
    const values = STAGING_COLUMNS.map(
      (c, i) => `(r ->> ${i})${numeric.has(c) ? '::double precision' : ''}`,
    ).join(', ');
    return `INSERT INTO cost_staging (${columns}) SELECT ${values} FROM json_array_elements(?::json) AS r`;
  }
  const values = STAGING_COLUMNS.map(
    (_c, i) => `json_extract(value, '$[${i}]')`,
  ).join(', ');
  return `INSERT INTO cost_staging (${columns}) SELECT ${values} FROM json_each(?)`;
}

type DbRow = Record<string, unknown>;

const num = (v: unknown): number => (v === null ? 0 : Number(v));

/**
 * {@link CostStore} on the Backstage database (SQLite or PostgreSQL).
 *
 * @public
 */
export class DatabaseCostStore implements CostStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCostStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await db.migrate.latest({ directory: MIGRATIONS_DIR });
    }
    return new DatabaseCostStore(db);
  }

  async stageAggregates(
    importId: string,
    rows: DailyAggregate[],
  ): Promise<void> {
    const sql = stagingInsert(this.db.client.config.client);
    for (let i = 0; i < rows.length; i += STAGING_BATCH) {
      const batch = rows
        .slice(i, i + STAGING_BATCH)
        .map(r => toStagingRow(importId, r));
      await this.db.raw(sql, [JSON.stringify(batch)]);
    }
  }

  async commitImport(options: {
    importId: string;
    source: string;
    billingPeriods: string[];
    currency: string | null;
  }): Promise<ImportedPeriod[]> {
    const { importId, source, currency } = options;
    const periods = [...new Set(options.billingPeriods)].sort();
    return this.db.transaction(async tx => {
      const importedAt = new Date().toISOString();
      // Upserting the period rows first locks them: a concurrent import of
      // the same source and period waits here until this one commits.
      for (const period of periods) {
        await tx('cost_periods')
          .insert({
            source,
            billing_period_start: period,
            import_id: importId,
            currency,
            row_count: 0,
            effective_cost: 0,
            imported_at: importedAt,
          })
          .onConflict(['source', 'billing_period_start'])
          .merge(['import_id', 'currency', 'imported_at']);
      }
      await tx('cost_daily')
        .where({ source })
        .whereIn('billing_period_start', periods)
        .delete();
      const keys = KEY_COLUMNS.join(', ');
      await tx.raw(
        `INSERT INTO cost_daily (source, ${keys}, billed_cost, effective_cost, list_cost, consumed_quantity, row_count)
         SELECT ?, ${keys}, SUM(billed_cost), SUM(effective_cost), SUM(list_cost), SUM(consumed_quantity), SUM(row_count)
         FROM cost_staging WHERE import_id = ? GROUP BY ${keys}`,
        [source, importId],
      );
      await tx.raw(
        `INSERT INTO cost_accounts (account)
         SELECT DISTINCT account FROM cost_staging WHERE import_id = ?
         ON CONFLICT (account) DO NOTHING`,
        [importId],
      );
      const totals: DbRow[] = await tx('cost_daily')
        .where({ source })
        .whereIn('billing_period_start', periods)
        .groupBy('billing_period_start')
        .select('billing_period_start')
        .sum({ rows: 'row_count', cost: 'effective_cost' });
      const byPeriod = new Map(
        totals.map(t => [
          String(t.billing_period_start),
          { rows: num(t.rows), cost: num(t.cost) },
        ]),
      );
      const result: ImportedPeriod[] = [];
      for (const period of periods) {
        const t = byPeriod.get(period) ?? { rows: 0, cost: 0 };
        await tx('cost_periods')
          .where({ source, billing_period_start: period })
          .update({ row_count: t.rows, effective_cost: t.cost });
        result.push({
          source,
          billingPeriodStart: period,
          currency,
          rowCount: t.rows,
          effectiveCost: t.cost,
        });
      }
      await tx('cost_staging').where({ import_id: importId }).delete();
      return result;
    });
  }

  async discardImport(importId: string): Promise<void> {
    await this.db('cost_staging').where({ import_id: importId }).delete();
  }

  async dailyAmounts(
    scope: CostScope,
    range: DayRange,
    options?: { usageOnly?: boolean },
  ): Promise<DailyAmountRow[]> {
    const query = this.scoped(scope, range);
    if (options?.usageOnly) {
      query.where('charge_category', 'Usage');
    }
    return (await this.sumsBy(query, 'day')).map(({ key, ...r }) => ({
      day: key,
      ...r,
    }));
  }

  async dailyBreakdown(
    scope: CostScope,
    range: DayRange,
    dimension: CostDimension,
    filter: CostFilter = {},
  ): Promise<BreakdownRow[]> {
    const column = DIMENSION_COLUMNS[dimension];
    const rows = await this.filtered(this.scoped(scope, range), filter)
      .select('day', 'currency', { key: column })
      .sum({ amount: 'effective_cost' })
      .groupBy('day', 'currency', column)
      .orderBy('day');
    return rows.map(r => ({
      day: String(r.day),
      currency: String(r.currency),
      key: String(r.key),
      amount: num(r.amount),
    }));
  }

  async spendProfile(
    scope: CostScope,
    range: DayRange,
  ): Promise<SpendProfileRow[]> {
    const unallocated = this.db.raw(
      "CASE WHEN component = '' AND owner = '' AND system = '' THEN 1 ELSE 0 END",
    );
    const rows = await this.scoped(scope, range)
      .select(
        'currency',
        'service_category',
        'charge_category',
        'pricing_category',
        'commitment_status',
        { unallocated },
      )
      .sum({ amount: 'effective_cost' })
      .groupBy(
        'currency',
        'service_category',
        'charge_category',
        'pricing_category',
        'commitment_status',
        unallocated,
      );
    return rows.map(r => ({
      currency: String(r.currency),
      serviceCategory: String(r.service_category),
      chargeCategory: String(r.charge_category),
      pricingCategory: String(r.pricing_category),
      commitmentStatus: String(r.commitment_status),
      unallocated: Number(r.unallocated) === 1,
      amount: num(r.amount),
    }));
  }

  async resources(scope: CostScope, range: DayRange): Promise<ResourceRow[]> {
    const rows = await this.scoped(scope, range)
      .whereNot('resource_id', '')
      .select('currency', 'resource_id', 'service_name')
      .sum({ cost: 'effective_cost', quantity: 'consumed_quantity' })
      .groupBy('currency', 'resource_id', 'service_name')
      .orderBy('resource_id');
    return rows.map(r => ({
      currency: String(r.currency),
      resourceId: String(r.resource_id),
      serviceName: String(r.service_name),
      effectiveCost: num(r.cost),
      consumedQuantity: r.quantity === null ? null : Number(r.quantity),
    }));
  }

  async amountsByOwner(range: DayRange): Promise<OwnerRow[]> {
    const sums = await this.sumsBy(
      this.scoped({ type: 'all' }, range),
      'owner',
    );
    return sums.map(({ key, ...r }) => ({ owner: key, ...r }));
  }

  async amountsByAccount(
    scope: CostScope,
    range: DayRange,
  ): Promise<AccountRow[]> {
    const sums = await this.sumsBy(this.scoped(scope, range), 'account');
    return sums.map(({ key, ...r }) => ({ account: key, ...r }));
  }

  async hasAccount(account: string): Promise<boolean> {
    const row = await this.db('cost_accounts')
      .where({ account })
      .first('account');
    return row !== undefined;
  }

  async serviceNames(
    scope: CostScope,
    range: DayRange,
    filter: CostFilter = {},
  ): Promise<string[]> {
    const rows: DbRow[] = await this.filtered(this.scoped(scope, range), filter)
      .distinct('service_name')
      .orderBy('service_name');
    return rows.map(r => String(r.service_name));
  }

  async periodBreakdown(
    scope: CostScope,
    periods: { previous: DayRange; current: DayRange },
    filter: CostFilter,
  ): Promise<PeriodBreakdownRow[]> {
    const read = async (period: 'previous' | 'current') => {
      const rows: DbRow[] = await this.filtered(
        this.scoped(scope, periods[period]),
        filter,
      )
        .select('currency', 'component', 'service_name', 'resource_id')
        .sum({ amount: 'effective_cost' })
        .groupBy('currency', 'component', 'service_name', 'resource_id');
      return rows.map(r => ({
        period,
        currency: String(r.currency),
        component: String(r.component),
        serviceName: String(r.service_name),
        resourceId: String(r.resource_id),
        amount: num(r.amount),
      }));
    };
    const [previous, current] = await Promise.all([
      read('previous'),
      read('current'),
    ]);
    return [...previous, ...current];
  }

  async lastDay(): Promise<string | null> {
    const row = await this.db('cost_daily').max({ day: 'day' }).first();
    return row?.day ? String(row.day) : null;
  }

  private scoped(
    scope: CostScope,
    range: DayRange,
  ): Knex.QueryBuilder<any, any> {
    const query = this.db('cost_daily').whereBetween('day', [
      range.from,
      range.to,
    ]);
    if (scope.type === 'unallocated') {
      return query.where({ component: '', owner: '', system: '' });
    }
    if (scope.type === 'selectors') {
      if (scope.selectors.length === 0) {
        return query.whereRaw('1 = 0');
      }
      return query.where(any => {
        for (const selector of scope.selectors) {
          any.orWhere(all => {
            for (const { key, value } of selector) {
              const column = TAG_COLUMNS[key];
              if (column) {
                all.where(column, value);
              } else {
                this.whereTagsContain(all, key, value);
              }
            }
          });
        }
      });
    }
    return query;
  }

  /** Effective cost summed per value of `column` and currency. */
  private async sumsBy(
    query: Knex.QueryBuilder<any, any>,
    column: string,
  ): Promise<Array<{ key: string; currency: string; amount: number }>> {
    const rows: DbRow[] = await query
      .select({ key: column }, 'currency')
      .sum({ amount: 'effective_cost' })
      .groupBy(column, 'currency')
      .orderBy(column);
    return rows.map(r => ({
      key: String(r.key),
      currency: String(r.currency),
      amount: num(r.amount),
    }));
  }

  private filtered(
    query: Knex.QueryBuilder<any, any>,
    filter: CostFilter,
  ): Knex.QueryBuilder<any, any> {
    if (filter.account !== undefined) {
      query.where('account', filter.account);
    }
    if (filter.serviceCategories !== undefined) {
      query.whereIn('service_category', filter.serviceCategories);
    }
    if (filter.serviceNames !== undefined) {
      query.whereIn('service_name', filter.serviceNames);
    }
    return query;
  }

  /**
   * Matches a tag outside the allocation columns in the canonical tags JSON:
   * the pair `"key":"value"` preceded by `{` or `,` is exactly that tag.
   */
  private whereTagsContain(
    query: Knex.QueryBuilder,
    key: string,
    value: string,
  ) {
    const pair = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const contains = this.db.client.config.client === 'pg' ? 'strpos' : 'instr';
    query.where(either =>
      either
        .whereRaw(`${contains}(tags, ?) > 0`, [`{${pair}`])
        .orWhereRaw(`${contains}(tags, ?) > 0`, [`,${pair}`]),
    );
  }
}
