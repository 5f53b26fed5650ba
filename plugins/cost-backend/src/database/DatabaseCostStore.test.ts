import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseCostStore } from './DatabaseCostStore';
import { DailyAggregate } from './types';

jest.setTimeout(60_000);

const MIGRATIONS = resolvePackagePath(
  '@opsdeck/plugin-cost-backend',
  'migrations',
);

const aggregate = (account: string, day: string): DailyAggregate => ({
  day,
  billingPeriodStart: `${day.slice(0, 7)}-01`,
  currency: 'EUR',
  component: 'checkout-service',
  owner: 'checkout-team',
  system: '',
  environment: '',
  tags: '{}',
  serviceName: 'Virtual Machines',
  serviceCategory: 'Compute',
  region: 'eu-west-1',
  account,
  resourceId: 'i-1',
  chargeCategory: 'Usage',
  pricingCategory: 'Standard',
  commitmentStatus: '',
  allocationMethod: '',
  billedCost: 1,
  effectiveCost: 1,
  listCost: 1,
  consumedQuantity: null,
  rowCount: 1,
});

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('account registry on %s', id => {
  it('is filled from the aggregates stored before it existed, then by each import', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up({
      directory: MIGRATIONS,
      name: '20261126000000_init.js',
    });
    const { day, billingPeriodStart, ...rest } = aggregate('a', '2026-01-01');
    const row = (account: string) => ({
      source: 'old',
      day,
      billing_period_start: billingPeriodStart,
      currency: rest.currency,
      component: rest.component,
      owner: rest.owner,
      system: '',
      environment: '',
      tags: '{}',
      service_name: rest.serviceName,
      service_category: rest.serviceCategory,
      region: rest.region,
      account,
      resource_id: rest.resourceId,
      charge_category: 'Usage',
      pricing_category: 'Standard',
      commitment_status: '',
      billed_cost: 1,
      effective_cost: 1,
      list_cost: 1,
      row_count: 1,
    });
    await knex('cost_daily').insert([row('a'), row('a'), row('b')]);

    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    expect(
      (await knex('cost_accounts').orderBy('account')).map(r => r.account),
    ).toEqual(['a', 'b']);

    await store.stageAggregates('import-1', [
      aggregate('b', '2026-02-01'),
      aggregate('c', '2026-02-01'),
      aggregate('c', '2026-02-02'),
    ]);
    await store.commitImport({
      importId: 'import-1',
      source: 'new',
      billingPeriods: ['2026-02-01'],
      currency: 'EUR',
    });
    expect(await store.hasAccount('a')).toBe(true);
    expect(await store.hasAccount('c')).toBe(true);
    expect(await store.hasAccount('d')).toBe(false);
    // b was known already: one row per account
    expect(
      (await knex('cost_accounts').orderBy('account')).map(r => r.account),
    ).toEqual(['a', 'b', 'c']);

    await knex.migrate.down({
      directory: MIGRATIONS,
      name: '20261205000000_cost_accounts.js',
    });
    expect(await knex.schema.hasTable('cost_accounts')).toBe(false);
  });
});

describe.each(databases.eachSupportedId())(
  'allocation method column on %s',
  id => {
    it('reads aggregates stored before it existed as not split, and drops it on the way down', async () => {
      const knex = await databases.init(id);
      await knex.migrate.up({
        directory: MIGRATIONS,
        name: '20261126000000_init.js',
      });
      const { day, billingPeriodStart } = aggregate('a', '2026-01-01');
      await knex('cost_daily').insert({
        source: 'old',
        day,
        billing_period_start: billingPeriodStart,
        currency: 'EUR',
        component: 'checkout',
        owner: 'checkout-team',
        system: '',
        environment: '',
        tags: '{}',
        service_name: 'Compute',
        service_category: 'Compute',
        region: 'eu-west-1',
        account: 'a',
        resource_id: 'i-1',
        charge_category: 'Usage',
        pricing_category: 'Standard',
        commitment_status: '',
        billed_cost: 7,
        effective_cost: 7,
        list_cost: 7,
        row_count: 1,
      });
      const store = await DatabaseCostStore.create({
        database: mockServices.database({ knex }),
      });
      const rows = await store.dailyBreakdown(
        { type: 'all' },
        { from: day, to: day },
        'allocation',
      );
      expect(rows.map(r => [r.key, r.amount])).toEqual([['', 7]]);

      await knex.migrate.down({
        directory: MIGRATIONS,
        name: '20261210000000_allocation_method.js',
      });
      expect(
        await knex.schema.hasColumn('cost_daily', 'allocation_method'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('cost_staging', 'allocation_method'),
      ).toBe(false);
    });
  },
);
