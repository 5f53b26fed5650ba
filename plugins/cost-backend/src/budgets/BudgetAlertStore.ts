import { Knex } from 'knex';

/** One budget threshold crossing: notified once per entity and month. */
export interface BudgetAlertKey {
  entityRef: string;
  /** `YYYY-MM`. */
  month: string;
  kind: 'actual' | 'forecast';
  /** Share of the budget, in percent (80 = 80 %). */
  thresholdPercent: number;
}

/** Budget alerts already sent, in the plugin's database. */
export class BudgetAlertStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): BudgetAlertStore {
    return new BudgetAlertStore(db);
  }

  /**
   * Claims the alert, then runs `send`, unless it was claimed before: the
   * unique key lets one check win when two run at once. No transaction is
   * held while sending (the notification service calls back into this
   * backend, which may need a database connection). A failing `send`
   * releases the claim, so the alert is tried again on the next check.
   * Returns whether it was sent now.
   */
  async sendOnce(
    key: BudgetAlertKey,
    figures: { amount: number; currency: string },
    send: () => Promise<void>,
  ): Promise<boolean> {
    const row = {
      entity_ref: key.entityRef,
      month: key.month,
      kind: key.kind,
      threshold_percent: key.thresholdPercent,
    };
    const inserted = await this.db('cost_budget_alerts')
      .insert({
        ...row,
        amount: figures.amount,
        currency: figures.currency,
        sent_at: new Date().toISOString(),
      })
      .onConflict(['entity_ref', 'month', 'kind', 'threshold_percent'])
      .ignore()
      .returning('entity_ref');
    if (inserted.length === 0) {
      return false;
    }
    try {
      await send();
    } catch (error) {
      await this.db('cost_budget_alerts').where(row).delete();
      throw error;
    }
    return true;
  }

  async list(entityRef: string): Promise<BudgetAlertKey[]> {
    const rows = await this.db('cost_budget_alerts')
      .where({ entity_ref: entityRef })
      .orderBy(['month', 'kind', 'threshold_percent']);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      month: r.month,
      kind: r.kind,
      thresholdPercent: Number(r.threshold_percent),
    }));
  }
}
