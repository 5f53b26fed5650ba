import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { DEFAULT_ANOMALY_OPTIONS } from '@opsdeck/plugin-cost-common';
import { Readable } from 'node:stream';
import { CostBudget } from '../config';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { CostImporter } from '../ingest/CostImporter';
import { CostInsightsService } from '../service/CostInsightsService';
import { EntityScopeResolver } from '../service/EntityScopeResolver';
import { BudgetAlerter } from './BudgetAlerter';
import { BudgetAlertStore } from './BudgetAlertStore';

jest.setTimeout(120_000);

const HEADER =
  'BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,RegionId,ResourceId,SubAccountId,PricingCategory,ConsumedQuantity,Tags';

/** March 2026 rows of `amount` EUR a day for checkout-service, days 1..`days`. */
function marchFile(days: number, amount: number): Readable {
  const lines = [HEADER];
  for (let d = 1; d <= days; d++) {
    const day = `2026-03-${String(d).padStart(2, '0')}`;
    lines.push(
      `${amount},acc-1,Northwind,EUR,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,Usage,,VM,${day}T00:00:00Z,${day}T23:59:59Z,${amount},${amount},Example Cloud,${amount},24,Hours,Example Cloud,Example Cloud,Compute,Virtual Machines,eu-west-1,i-1,sub-shop,Standard,24,"{""backstage-component"":""checkout-service""}"`,
    );
  }
  return Readable.from([Buffer.from(lines.join('\n'))]);
}

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', namespace: 'default' },
    spec: { owner: 'group:default/checkout-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orphan', namespace: 'default' },
    spec: {},
  },
];

/** A NotificationService that keeps what it was asked to send. */
class RecordingNotificationService implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  failNext = false;
  /** What the notifications backend does meanwhile, e.g. call back into this backend. */
  whileSending?: () => Promise<void>;

  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('notifications backend unavailable');
    }
    await this.whileSending?.();
    this.sent.push(options);
  }
}

const budget = (
  entityRef: string,
  amount: number,
  thresholdPercents: number[],
): CostBudget => ({ entityRef, amount, currency: 'EUR', thresholdPercents });

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('budget alerts on %s', id => {
  async function setUp(budgets: CostBudget[]) {
    const knex = await databases.init(id);
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const budgetMap = new Map(budgets.map(b => [b.entityRef, b]));
    const insights = CostInsightsService.create({
      store,
      anomalies: DEFAULT_ANOMALY_OPTIONS,
      budgets: budgetMap,
      logger,
    });
    const notifications = new RecordingNotificationService();
    const alertStore = BudgetAlertStore.create(knex);
    const alerter = BudgetAlerter.create({
      budgets: budgetMap,
      insights,
      resolver: EntityScopeResolver.create({
        catalog: catalogServiceMock({ entities: ENTITIES }),
      }),
      store: alertStore,
      notifications,
      auth: mockServices.auth(),
      logger,
    });
    const importer = CostImporter.create({ store, logger });
    return { importer, alerter, notifications, alertStore, knex, insights };
  }

  it('notifies the owner group once per month, kind and threshold', async () => {
    const { importer, alerter, notifications, alertStore } = await setUp([
      budget('component:default/checkout-service', 120, [80, 100]),
    ]);
    // 10 days at 10 EUR: spent 100 of 120 (83 %); the forecast is far above
    await importer.importFile('march', marchFile(10, 10));
    const first = await alerter.checkAll();
    expect(first[0].error).toBeUndefined();
    expect(first[0].sent.map(k => `${k.kind}:${k.thresholdPercent}`)).toEqual([
      'actual:80',
      'forecast:80',
      'forecast:100',
    ]);
    expect(notifications.sent).toHaveLength(3);
    expect(notifications.sent[0]).toEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/checkout-team'],
      },
      payload: {
        title: 'checkout-service has spent 80% of its 2026-03 budget',
        description: 'Spend so far in 2026-03: 100.00 EUR, budget 120.00 EUR.',
        link: '/catalog/default/component/checkout-service/cost',
        severity: 'normal',
        topic: 'cost-budget',
        scope:
          'cost-budget:component:default/checkout-service:2026-03:actual:80',
      },
    });
    expect(notifications.sent[2].payload.title).toBe(
      'checkout-service is forecast to spend 100% of its 2026-03 budget',
    );

    // the same figures again: nothing new
    expect((await alerter.checkAll())[0].sent).toEqual([]);
    expect(notifications.sent).toHaveLength(3);

    // re-importing March with two more days crosses 100 % of the actual
    await importer.importFile('march', marchFile(12, 10));
    const third = await alerter.checkAll();
    expect(third[0].sent.map(k => `${k.kind}:${k.thresholdPercent}`)).toEqual([
      'actual:100',
    ]);
    expect(notifications.sent[3].payload).toMatchObject({
      title: 'checkout-service has spent 100% of its 2026-03 budget',
      description: 'Spend so far in 2026-03: 120.00 EUR, budget 120.00 EUR.',
      severity: 'high',
    });
    expect(
      (await alertStore.list('component:default/checkout-service')).length,
    ).toBe(4);
  });

  it('records nothing when sending fails, and sends on the next check', async () => {
    const { importer, alerter, notifications, alertStore } = await setUp([
      budget('component:default/checkout-service', 1000, [5]),
    ]);
    await importer.importFile('march', marchFile(10, 10));
    notifications.failNext = true;
    const failed = await alerter.checkAll();
    expect(failed[0].error).toBe('notifications backend unavailable');
    expect(await alertStore.list('component:default/checkout-service')).toEqual(
      [],
    );
    const retried = await alerter.checkAll();
    expect(retried[0].sent.map(k => k.kind)).toEqual(['actual', 'forecast']);
    expect(notifications.sent).toHaveLength(2);
  });

  it('holds no database connection while sending: the notification service calls back into this backend', async () => {
    // The notifications backend checks this plugin's service token against
    // its JWKS, which this plugin reads from its database. On a database with
    // one connection (the demo's in-memory SQLite), a transaction held across
    // the send would wait for itself.
    const { importer, alerter, notifications, knex } = await setUp([
      budget('component:default/checkout-service', 50, [100]),
    ]);
    await importer.importFile('march', marchFile(10, 10));
    let seenWhileSending: unknown[] = [];
    notifications.whileSending = async () => {
      seenWhileSending = await knex('cost_budget_alerts').select('kind');
    };
    const results = await alerter.checkAll();
    expect(results[0].error).toBeUndefined();
    expect(notifications.sent).toHaveLength(2);
    expect(seenWhileSending.length).toBeGreaterThan(0);
  });

  it('sends each alert once when checks run at the same time', async () => {
    const { importer, alerter, notifications } = await setUp([
      budget('component:default/checkout-service', 50, [100]),
    ]);
    await importer.importFile('march', marchFile(10, 10));
    await Promise.all([alerter.checkAll(), alerter.checkAll()]);
    expect(notifications.sent.map(n => n.payload.scope).sort()).toEqual([
      'cost-budget:component:default/checkout-service:2026-03:actual:100',
      'cost-budget:component:default/checkout-service:2026-03:forecast:100',
    ]);
  });

  // Bad inputs tried: a budget for an entity missing from the catalog, an
  // entity without an owner, a budget in another currency than the spend.
  it('reports budgets it cannot check and sends nothing for them', async () => {
    const { importer, alerter, notifications } = await setUp([
      budget('component:default/ghost', 10, [100]),
      budget('component:default/orphan', 10, [100]),
      {
        ...budget('component:default/checkout-service', 10, [100]),
        currency: 'USD',
      },
    ]);
    await importer.importFile('march', marchFile(10, 10));
    // the orphan gets spend through an annotation-free default selector
    await importer.importFile(
      'orphan',
      Readable.from([
        Buffer.from(
          [
            HEADER,
            '50,acc-1,Northwind,EUR,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,Usage,,VM,2026-03-02T00:00:00Z,2026-03-02T23:59:59Z,50,50,Example Cloud,50,24,Hours,Example Cloud,Example Cloud,Compute,Virtual Machines,eu-west-1,i-2,sub-shop,Standard,24,"{""backstage-component"":""orphan""}"',
          ].join('\n'),
        ),
      ]),
    );
    const results = await alerter.checkAll();
    expect(results).toEqual([
      {
        entityRef: 'component:default/ghost',
        sent: [],
        error: 'No entity component:default/ghost in the catalog',
      },
      {
        entityRef: 'component:default/orphan',
        sent: [],
        error: 'component:default/orphan has no owner to notify',
      },
      { entityRef: 'component:default/checkout-service', sent: [] },
    ]);
    expect(notifications.sent).toEqual([]);
  });
});
