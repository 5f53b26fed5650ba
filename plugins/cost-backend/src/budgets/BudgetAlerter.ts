import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CostBudget } from '../config';
import { CostInsightsService } from '../service/CostInsightsService';
import { EntityScopeResolver } from '../service/EntityScopeResolver';
import { BudgetAlertKey, BudgetAlertStore } from './BudgetAlertStore';

/** What one check did, per budget. */
export interface BudgetCheckResult {
  entityRef: string;
  sent: BudgetAlertKey[];
  /** Why the budget could not be checked, if it could not. */
  error?: string;
}

const formatAmount = (amount: number, currency: string) =>
  `${amount.toFixed(2)} ${currency}`;

/** What a {@link BudgetAlerter} works with. */
export interface BudgetAlerterOptions {
  budgets: Map<string, CostBudget>;
  insights: CostInsightsService;
  resolver: EntityScopeResolver;
  store: BudgetAlertStore;
  notifications: NotificationService;
  auth: AuthService;
  logger: LoggerService;
}

/**
 * Compares each configured budget with the entity's month-to-date spend and
 * month-end forecast, and notifies the owner group the first time a
 * threshold is crossed in a month, once for the actual spend and once for
 * the forecast.
 */
export class BudgetAlerter {
  private constructor(private readonly options: BudgetAlerterOptions) {}

  static create(options: BudgetAlerterOptions): BudgetAlerter {
    return new BudgetAlerter(options);
  }

  async checkAll(): Promise<BudgetCheckResult[]> {
    const results: BudgetCheckResult[] = [];
    for (const budget of this.options.budgets.values()) {
      try {
        results.push(await this.check(budget));
      } catch (error) {
        const message = (error as Error).message;
        this.options.logger.warn(
          `Budget check of ${budget.entityRef} failed: ${message}`,
        );
        results.push({ entityRef: budget.entityRef, sent: [], error: message });
      }
    }
    return results;
  }

  private async check(budget: CostBudget): Promise<BudgetCheckResult> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { entityRef, scope, ownerRefs } = await this.options.resolver.resolve(
      budget.entityRef,
      credentials,
    );
    const forecast = await this.options.insights.forecast(entityRef, scope);
    const sent: BudgetAlertKey[] = [];
    if (!forecast.budget || forecast.lastDayWithData === null) {
      return { entityRef, sent };
    }
    if (ownerRefs.length === 0) {
      throw new Error(`${entityRef} has no owner to notify`);
    }
    const figures = {
      actual: forecast.actualToDate,
      forecast: forecast.forecastTotal,
    };
    for (const percent of budget.thresholdPercents) {
      const limit = (budget.amount * percent) / 100;
      for (const kind of ['actual', 'forecast'] as const) {
        if (figures[kind] < limit) {
          continue;
        }
        const key = {
          entityRef,
          month: forecast.month,
          kind,
          thresholdPercent: percent,
        };
        const wasSent = await this.options.store.sendOnce(
          key,
          { amount: figures[kind], currency: budget.currency },
          () => this.notify(key, budget, figures[kind], ownerRefs),
        );
        if (wasSent) {
          sent.push(key);
        }
      }
    }
    return { entityRef, sent };
  }

  private async notify(
    key: BudgetAlertKey,
    budget: CostBudget,
    amount: number,
    ownerRefs: string[],
  ): Promise<void> {
    const { kind, namespace, name } = parseEntityRef(key.entityRef);
    const spend = formatAmount(amount, budget.currency);
    const limit = formatAmount(budget.amount, budget.currency);
    const title =
      key.kind === 'actual'
        ? `${name} has spent ${key.thresholdPercent}% of its ${key.month} budget`
        : `${name} is forecast to spend ${key.thresholdPercent}% of its ${key.month} budget`;
    const description =
      key.kind === 'actual'
        ? `Spend so far in ${key.month}: ${spend}, budget ${limit}.`
        : `Forecast to the end of ${key.month}: ${spend}, budget ${limit}.`;
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: ownerRefs },
      payload: {
        title,
        description,
        link: `/catalog/${namespace}/${kind.toLocaleLowerCase(
          'en-US',
        )}/${name}/cost`,
        severity:
          key.kind === 'actual' && key.thresholdPercent >= 100
            ? 'high'
            : 'normal',
        topic: 'cost-budget',
        scope: `cost-budget:${key.entityRef}:${key.month}:${key.kind}:${key.thresholdPercent}`,
      },
    });
  }
}
