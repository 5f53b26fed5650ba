import path from 'node:path';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseDeploymentsStore } from '../database/DatabaseDeploymentsStore';
import { DeploymentIngestionService } from '../services/DeploymentIngestionService';
import { DeploymentQueryService } from '../services/DeploymentQueryService';
import { readSeedFile, seedDemoEvents } from './seedDemoEvents';

const SEED_FILE = path.resolve(
  __dirname,
  '../../../../examples/deployments/events.json',
);
const SERVICES = [
  'checkout-service',
  'payments-api',
  'search-service',
  'web-storefront',
];

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'team' },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function setup(entities: Entity[]) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseDeploymentsStore.create({
    database: mockServices.database({ knex }),
  });
  const catalog = catalogServiceMock({ entities });
  const ingestion = DeploymentIngestionService.create({
    store,
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    unknownEntities: 'reject',
  });
  const queries = DeploymentQueryService.create({
    store,
    catalog,
    providers: [],
    productionEnvironments: ['production'],
    defaultPeriodDays: 90,
  });
  return { ingestion, queries, knex };
}

describe('demo seed', () => {
  it('moves the seed history so its newest event is now', async () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const events = await readSeedFile(SEED_FILE, { shiftToNow: true, now });
    const times = events.map(e => Date.parse(e.timestamp));
    expect(Math.max(...times)).toBe(now.getTime());
    expect((now.getTime() - Math.min(...times)) / 86400_000).toBeGreaterThan(
      55,
    );
    expect(new Set(events.map(e => e.entityRef))).toEqual(
      new Set(SERVICES.map(s => `component:default/${s}`)),
    );
  });

  it('ingests the example history through the real ingestion code', async () => {
    const { ingestion, queries, knex } = await setup(SERVICES.map(component));
    const logger = mockServices.logger.mock();
    await seedDemoEvents({
      path: SEED_FILE,
      shiftToNow: true,
      ingestion,
      logger,
    });
    const raw = await readSeedFile(SEED_FILE, { shiftToNow: false });
    const [{ count }] = await knex('deployment_events').count({ count: '*' });
    expect(Number(count)).toBe(raw.length);

    // a second start seeds nothing new
    await seedDemoEvents({
      path: SEED_FILE,
      shiftToNow: true,
      ingestion,
      logger,
    });
    const [{ count: again }] = await knex('deployment_events').count({
      count: '*',
    });
    expect(Number(again)).toBe(raw.length);

    const credentials = mockCredentials.user();
    const checkout = await queries.summary(
      'component:default/checkout-service',
      credentials,
    );
    const production = checkout.environments.find(
      e => e.environment === 'production',
    )!;
    expect(production.inFlight).toMatchObject({
      strategy: 'canary',
      step: 2,
      trafficWeight: 50,
    });
    const history = await queries.history(
      'component:default/checkout-service',
      { environment: 'production', offset: 0, limit: 500 },
      credentials,
    );
    const statuses = history.items.map(d => d.status);
    expect(statuses).toContain('failed');
    expect(statuses).toContain('rolled_back');

    const dora = await queries.dora(
      'component:default/search-service',
      {},
      credentials,
    );
    expect(dora.metrics.deploymentFrequency.deployments).toBeGreaterThan(50);
    expect(dora.metrics.changeFailureRate.failures).toBe(1);
  });

  it('retries entities the catalog has not processed yet', async () => {
    const entities = [component('checkout-service')];
    const { ingestion, knex } = await setup(entities);
    const logger = mockServices.logger.mock();
    await seedDemoEvents({
      path: SEED_FILE,
      shiftToNow: false,
      ingestion,
      logger,
      retryDelayMs: 1,
      maxAttempts: 2,
    });
    const rows = await knex('deployment_events').distinct('deployments_id');
    expect(rows.map(r => r.deployments_id)).toEqual([
      'component:default/checkout-service',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Gave up seeding demo deployments for unknown entities',
      expect.objectContaining({
        entities: expect.stringContaining('component:default/payments-api'),
      }),
    );
  });
});
