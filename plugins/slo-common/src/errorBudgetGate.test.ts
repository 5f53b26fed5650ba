import { errorBudgetGateRequestSchema } from './errorBudgetGate';

describe('errorBudgetGateRequestSchema', () => {
  it('accepts an entity ref with an optional environment and threshold', () => {
    expect(
      errorBudgetGateRequestSchema.parse({
        entityRef: 'component:default/checkout-service',
        environment: 'production',
        minRemainingBudget: 0.1,
      }),
    ).toEqual({
      entityRef: 'component:default/checkout-service',
      environment: 'production',
      minRemainingBudget: 0.1,
    });
  });

  it.each([
    ['a newline in the entity ref', { entityRef: 'component:a\nb' }],
    ['an empty entity ref', { entityRef: '' }],
    ['a huge entity ref', { entityRef: 'c'.repeat(401) }],
    ['an environment with a quote', { entityRef: 'a', environment: "prod'" }],
    ['a threshold above 1', { entityRef: 'a', minRemainingBudget: 1.5 }],
    ['a NaN threshold', { entityRef: 'a', minRemainingBudget: NaN }],
  ])('rejects %s', (_, input) => {
    expect(errorBudgetGateRequestSchema.safeParse(input).success).toBe(false);
  });
});
