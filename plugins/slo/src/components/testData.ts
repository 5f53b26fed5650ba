import { Entity } from '@backstage/catalog-model';
import { EntitySloReport, SloEvaluation } from '@opsdeck/plugin-slo-common';

export const annotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    annotations: { 'opsdeck.io/slo': './slo/checkout.yaml' },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

export const plainEntity: Entity = {
  ...annotatedEntity,
  metadata: { name: 'plain' },
};

const pair = (
  severity: string,
  long: number,
  short: number,
  threshold: number,
  firing: boolean,
) => ({
  severity,
  longWindowSeconds: long,
  shortWindowSeconds: short,
  threshold,
  budgetConsumed: 0,
  longBurnRate: firing ? threshold * 2 : 0.5,
  shortBurnRate: firing ? threshold * 2 : 0.5,
  state: firing ? ('firing' as const) : ('ok' as const),
});

export const evaluation: SloEvaluation = {
  name: 'checkout-availability',
  displayName: 'Checkout availability',
  service: 'checkout-service',
  indicator: 'ratio',
  budgetingMethod: 'Occurrences',
  objective: { target: 0.999 },
  window: {
    description: 'rolling 30d',
    start: '2026-10-27T00:00:00.000Z',
    end: '2026-11-26T00:00:00.000Z',
    seconds: 2592000,
  },
  state: 'ok',
  attainment: 0.99925,
  budget: {
    attainment: 0.99925,
    total: 0.001,
    consumed: 0.75,
    remaining: 0.25,
    totalSeconds: 2592,
    remainingSeconds: 648,
  },
  timeToExhaustionSeconds: 7200,
  burnRate: {
    status: 'page',
    pairs: [
      pair('page', 3600, 300, 14.4, true),
      pair('page', 21600, 1800, 6, false),
      pair('ticket', 259200, 21600, 1, false),
    ],
  },
  windows: [
    { window: '1h', seconds: 3600, errors: 30, total: 1000, burnRate: 30 },
  ],
  history: [
    { time: '2026-11-01T00:00:00.000Z', sli: 0.9995, budgetRemaining: 0.5 },
    { time: '2026-11-10T00:00:00.000Z', sli: 0.999, budgetRemaining: 0.4 },
    { time: '2026-11-20T00:00:00.000Z', sli: 0.998, budgetRemaining: 0.25 },
  ],
  alertRulesYaml:
    'groups:\n  - name: opsdeck-slo-checkout-service-checkout-availability-alerts\n',
  metricsSource: 'main',
  queries: 2,
  usedRecordingRules: false,
};

export const report = (
  overrides: Partial<EntitySloReport> = {},
): EntitySloReport => ({
  entityRef: 'component:default/checkout-service',
  sourceUrl: 'https://git.example/repo/slo/checkout.yaml',
  demo: false,
  evaluatedAt: '2026-11-26T00:00:00.000Z',
  slos: [evaluation],
  ...overrides,
});
