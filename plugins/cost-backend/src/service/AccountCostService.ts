import { NotFoundError } from '@backstage/errors';
import {
  CostAccountDailySeriesResponse,
  CostAccountsResponse,
  CostDimension,
  roundCents,
} from '@opsdeck/plugin-cost-common';
import { CostStore } from '../database/CostStore';
import { CostScope } from '../database/types';
import { CostInsightsService, PeriodQuery } from './CostInsightsService';
import { mainCurrency } from './mainCurrency';

/** Accounts are listed over the last year with data unless asked otherwise. */
const ACCOUNTS_DEFAULT_DAYS = 365;

/**
 * Billing accounts (FOCUS sub accounts): which ones an entity's spend is
 * billed to, and the whole spend of one account whichever entity it is
 * attributed to.
 */
export class AccountCostService {
  private constructor(
    private readonly store: CostStore,
    private readonly insights: CostInsightsService,
  ) {}

  static create(options: { store: CostStore; insights: CostInsightsService }) {
    return new AccountCostService(options.store, options.insights);
  }

  /** The accounts with spend in `scope`, largest first. */
  async accounts(
    entityRef: string,
    scope: CostScope,
    period: PeriodQuery,
  ): Promise<CostAccountsResponse> {
    const range = await this.insights.resolvePeriod(
      period,
      ACCOUNTS_DEFAULT_DAYS,
    );
    const rows = await this.store.amountsByAccount(scope, range);
    const currency = mainCurrency(rows);
    const amounts = new Map<string, number>();
    for (const r of rows) {
      amounts.set(
        r.account,
        (amounts.get(r.account) ?? 0) +
          (r.currency === currency ? r.amount : 0),
      );
    }
    return {
      entityRef,
      ...range,
      currency,
      accounts: [...amounts.entries()]
        .filter(([account]) => account !== '')
        .map(([id, amount]) => ({ id, amount: roundCents(amount) }))
        .sort((a, b) => b.amount - a.amount || a.id.localeCompare(b.id)),
    };
  }

  /** Daily cost of everything billed to `account`. */
  async daily(
    account: string,
    period: PeriodQuery,
    dimension: CostDimension,
  ): Promise<CostAccountDailySeriesResponse> {
    await this.requireAccount(account);
    const series = await this.insights.daily(
      'all',
      { type: 'all' },
      period,
      dimension,
      { account },
    );
    return {
      account,
      from: series.from,
      to: series.to,
      dimension: series.dimension,
      currency: series.currency,
      days: series.days,
    };
  }

  /** Throws `NotFoundError` when no imported data is billed to `account`. */
  async requireAccount(account: string): Promise<void> {
    if (!(await this.store.hasAccount(account))) {
      throw new NotFoundError(
        `No cost data is billed to account ${JSON.stringify(account)}`,
      );
    }
  }
}
