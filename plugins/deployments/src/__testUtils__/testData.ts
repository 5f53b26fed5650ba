import type { Entity } from '@backstage/catalog-model';
import type {
  DeploymentRecord,
  DeploymentsSummaryResponse,
  DoraResponse,
} from '@opsdeck/plugin-deployments-common';
import type { DeploymentsApi } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team' },
};

export function record(overrides: Partial<DeploymentRecord>): DeploymentRecord {
  return {
    deploymentKey: 'k1',
    entityRef: 'component:default/checkout-service',
    environment: 'production',
    version: '1.4.2',
    commitSha: 'a1b2c3d4e5f6',
    status: 'succeeded',
    strategy: 'rolling',
    actor: 'alice',
    runUrl: 'https://ci.example.com/runs/1',
    startedAt: '2026-03-01T10:00:00.000Z',
    succeededAt: '2026-03-01T10:10:00.000Z',
    updatedAt: '2026-03-01T10:10:00.000Z',
    ...overrides,
  };
}

const running = record({});
const canary = record({
  deploymentKey: 'k2',
  version: '1.5.0',
  status: 'started',
  strategy: 'canary',
  step: 2,
  trafficWeight: 25,
  actor: 'bob',
  succeededAt: undefined,
});

export const summary: DeploymentsSummaryResponse = {
  entityRef: 'component:default/checkout-service',
  deploymentsId: 'component:default/checkout-service',
  environments: [
    {
      environment: 'production',
      current: running,
      latest: canary,
      inFlight: canary,
      rollbackSupported: true,
    },
    {
      environment: 'staging',
      current: record({ environment: 'staging', version: '1.5.0' }),
      latest: record({ environment: 'staging', version: '1.5.0' }),
      rollbackSupported: true,
    },
  ],
};

export const dora: DoraResponse = {
  entityRef: 'component:default/checkout-service',
  scope: 'entity',
  deploymentsIds: ['component:default/checkout-service'],
  metrics: {
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-04-01T00:00:00.000Z',
    periodDays: 90,
    productionEnvironments: ['production'],
    finishedDeployments: 40,
    deploymentFrequency: { deployments: 36, perDay: 0.4, band: 'high' },
    leadTimeForChanges: { medianSeconds: 9000, samples: 36, band: 'elite' },
    changeFailureRate: { failures: 4, rate: 0.1, band: 'medium' },
    failedDeploymentRecoveryTime: {
      medianSeconds: 2700,
      samples: 4,
      unrecovered: 0,
      band: 'elite',
    },
    bandsSource: 'Accelerate State of DevOps 2024 clusters',
  },
};

/** An API answering from fixed data; each method can be replaced. */
export function fakeApi(
  overrides: Partial<DeploymentsApi> = {},
): DeploymentsApi {
  return {
    getSummary: jest.fn(async () => summary),
    getHistory: jest.fn(async () => ({
      entityRef: summary.entityRef,
      deploymentsId: summary.deploymentsId,
      from: dora.metrics.from,
      to: dora.metrics.to,
      totalCount: 2,
      offset: 0,
      limit: 500,
      items: [
        record({ version: '1.4.2', incidents: 1 }),
        record({
          deploymentKey: 'k0',
          version: '1.4.1',
          status: 'rolled_back',
          failedAt: '2026-02-27T11:00:00.000Z',
          startedAt: '2026-02-27T10:00:00.000Z',
          updatedAt: '2026-02-27T11:00:00.000Z',
        }),
      ],
    })),
    getDora: jest.fn(async () => dora),
    rollback: jest.fn(async () => ({
      entityRef: summary.entityRef,
      environment: 'production',
      rolledBackVersion: '1.4.2',
      provider: 'argocd',
      eventId: 'rollback-1',
    })),
    ...overrides,
  };
}

export const emptySummary: DeploymentsSummaryResponse = {
  entityRef: 'component:default/checkout-service',
  deploymentsId: 'component:default/checkout-service',
  environments: [],
};
