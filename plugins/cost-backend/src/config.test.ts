import { ConfigReader } from '@backstage/config';
import { readCostConfig } from './config';

const withBudget = (extra: Record<string, unknown>) =>
  new ConfigReader({
    cost: {
      budgets: [
        {
          entityRef: 'component:checkout-service',
          amount: 100,
          currency: 'EUR',
          ...extra,
        },
      ],
    },
  });

describe('readCostConfig budgets', () => {
  it('normalises the entity ref and defaults the alert thresholds to 80 and 100 %', () => {
    const config = readCostConfig(withBudget({}));
    expect([...config.budgets.values()]).toEqual([
      {
        entityRef: 'component:default/checkout-service',
        amount: 100,
        currency: 'EUR',
        thresholdPercents: [80, 100],
      },
    ]);
    expect(config.budgetAlertSchedule.frequency).toEqual({ hours: 1 });
  });

  it('sorts and de-duplicates configured thresholds', () => {
    const config = readCostConfig(
      withBudget({ alertAtPercent: [100, 50, 100] }),
    );
    expect(
      config.budgets.get('component:default/checkout-service')
        ?.thresholdPercents,
    ).toEqual([50, 100]);
  });

  // Bad inputs tried: empty list, fractions, zero, above 1000, text, a
  // negative amount, a lower-case currency.
  it.each([[[]], [[0.5]], [[0]], [[1001]], [['80']]])(
    'rejects alertAtPercent %j',
    value => {
      expect(() =>
        readCostConfig(withBudget({ alertAtPercent: value })),
      ).toThrow(
        /alertAtPercent must be a non-empty list of whole numbers from 1 to 1000/,
      );
    },
  );

  it.each([[{ amount: -5 }], [{ currency: 'eur' }]])(
    'rejects a budget with %j',
    extra => {
      expect(() => readCostConfig(withBudget(extra))).toThrow(
        /needs an ISO 4217 currency and a positive amount/,
      );
    },
  );
});
