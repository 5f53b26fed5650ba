import {
  BackendFeature,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
// The test installs both plugins in one backend, as an app's backend does;
// the on-call plugin's own code never imports the deployments backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deploymentsPlugin from '@opsdeck/plugin-deployments-backend';
import { IncidentDetail } from '@opsdeck/plugin-oncall-common';
import type { Server } from 'node:http';
import request from 'supertest';
import { databasePerPlugin } from './__testUtils__/databasePerPlugin';
import { oncallPlugin } from './plugin';

/*
 * The on-call and deployments backends started together, each on its own
 * real database: an incident triggered with the deployment that caused it is
 * linked in the deployments plugin and counts in its change failure rate.
 */

jest.setTimeout(60_000);

const PIPELINE_TOKEN = 'pipeline-token-0123456789';
const INCIDENT_BOT_TOKEN = 'incident-bot-token-0123456789';
const ENTITY_REF = 'component:default/checkout';
const PERIOD = { from: '2026-03-01T00:00:00Z', to: '2026-03-11T00:00:00Z' };

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'platform' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function start(
  databaseId: TestDatabaseId,
  options: { withDeployments: boolean; oncallConfig?: object },
): Promise<Server> {
  const features: BackendFeature[] = [
    oncallPlugin,
    ...(options.withDeployments ? [deploymentsPlugin] : []),
    databasePerPlugin(databases, databaseId),
    authServiceFactory,
    httpAuthServiceFactory,
    catalogServiceMock.factory({ entities }),
    mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({ send: async () => {} }),
    }),
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: 'http://localhost:0',
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: PIPELINE_TOKEN, subject: 'ci-pipeline' },
                accessRestrictions: [{ plugin: 'deployments' }],
              },
              {
                type: 'static',
                options: {
                  token: INCIDENT_BOT_TOKEN,
                  subject: 'incident-bot',
                },
                accessRestrictions: [{ plugin: 'oncall' }],
              },
            ],
          },
        },
        ...(options.oncallConfig ? { oncall: options.oncallConfig } : {}),
      },
    }),
  ];
  const { server } = await startTestBackend({ features });
  return server;
}

const asPipeline = (server: Server) => ({
  post: (path: string) =>
    request(server)
      .post(`/api/deployments${path}`)
      .set('Authorization', `Bearer ${PIPELINE_TOKEN}`),
  get: (path: string) =>
    request(server)
      .get(`/api/deployments${path}`)
      .set('Authorization', `Bearer ${PIPELINE_TOKEN}`),
});

const triggerIncident = (server: Server, body: object) =>
  request(server)
    .post('/api/oncall/incidents')
    .set('Authorization', `Bearer ${INCIDENT_BOT_TOKEN}`)
    .send({
      entityRef: ENTITY_REF,
      title: 'Checkout returns 500',
      severity: 'critical',
      ...body,
    });

async function reportDeployment(server: Server, version: string, at: string) {
  const res = await asPipeline(server)
    .post('/events')
    .send({
      eventId: `deploy-${version}`,
      entityRef: ENTITY_REF,
      environment: 'production',
      version,
      commitSha: 'a1b2c3d4e5f6',
      commitTime: at,
      status: 'succeeded',
      actor: 'ci',
      timestamp: at,
    });
  expect(res.status).toBe(201);
}

async function changeFailureRate(server: Server) {
  const res = await asPipeline(server)
    .get('/dora')
    .query({ entityRef: ENTITY_REF, ...PERIOD });
  expect(res.status).toBe(200);
  return res.body.metrics.changeFailureRate;
}

const notes = (incident: IncidentDetail) =>
  incident.timeline.filter(e => e.type === 'note').map(e => e.text);

describe('linking incidents to deployments', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('counts a deployment that caused an incident as a change failure', async () => {
      const server = await start(databaseId, { withDeployments: true });
      await reportDeployment(server, '1.0.0', '2026-03-02T10:00:00Z');
      await reportDeployment(server, '1.1.0', '2026-03-03T10:00:00Z');
      // two successful deployments, no failure yet: 0 of 2
      expect(await changeFailureRate(server)).toMatchObject({
        failures: 0,
        rate: 0,
      });

      const res = await triggerIncident(server, {
        deployment: { environment: 'production', version: '1.1.0' },
      });
      expect(res.status).toBe(201);
      expect(res.body.deployment).toEqual({
        environment: 'production',
        version: '1.1.0',
      });
      expect(notes(res.body)).toContainEqual(
        expect.stringMatching(
          /^Linked to the deployment of version 1\.1\.0 in production/,
        ),
      );

      // 1.1.0 is now a failure: 1 of 2 deployments
      expect(await changeFailureRate(server)).toMatchObject({
        failures: 1,
        rate: 0.5,
      });
      const history = await asPipeline(server)
        .get('/history')
        .query({ entityRef: ENTITY_REF, ...PERIOD });
      const byVersion = Object.fromEntries(
        history.body.items.map((d: { version: string; incidents?: number }) => [
          d.version,
          d.incidents ?? 0,
        ]),
      );
      expect(byVersion).toEqual({ '1.0.0': 0, '1.1.0': 1 });
    });

    it('notes an unknown deployment on the timeline and still triggers', async () => {
      const server = await start(databaseId, { withDeployments: true });
      await reportDeployment(server, '1.0.0', '2026-03-02T10:00:00Z');
      const res = await triggerIncident(server, {
        deployment: { environment: 'production', version: '9.9.9' },
      });
      expect(res.status).toBe(201);
      expect(notes(res.body)).toContainEqual(
        expect.stringMatching(
          /^Could not link to the deployment of version 9\.9\.9 in production: the deployments backend answered 404: No deployment of version "9\.9\.9"/,
        ),
      );
      const stored = await request(server)
        .get(`/api/oncall/incidents/${res.body.id}`)
        .set('Authorization', `Bearer ${INCIDENT_BOT_TOKEN}`);
      expect(notes(stored.body)).toEqual(notes(res.body));
      expect(await changeFailureRate(server)).toMatchObject({ failures: 0 });
    });
  });

  it('notes on the timeline that the deployments plugin is not installed', async () => {
    const server = await start('SQLITE_3', { withDeployments: false });
    const res = await triggerIncident(server, {
      deployment: { environment: 'production', version: '1.0.0' },
    });
    expect(res.status).toBe(201);
    expect(notes(res.body)).toContainEqual(
      expect.stringMatching(
        /^Could not link to the deployment of version 1\.0\.0 in production: the deployments backend answered 404/,
      ),
    );
  });

  it('does not link when oncall.deployments.linkIncidents is false', async () => {
    const server = await start('SQLITE_3', {
      withDeployments: true,
      oncallConfig: { deployments: { linkIncidents: false } },
    });
    await reportDeployment(server, '1.0.0', '2026-03-02T10:00:00Z');
    const res = await triggerIncident(server, {
      deployment: { environment: 'production', version: '1.0.0' },
    });
    expect(res.status).toBe(201);
    expect(notes(res.body).join('\n')).not.toMatch(/deployment/);
    expect(await changeFailureRate(server)).toMatchObject({
      failures: 0,
      rate: 0,
    });
  });

  it('keeps an opaque deploymentId working beside the deployment', async () => {
    const server = await start('SQLITE_3', { withDeployments: true });
    const res = await triggerIncident(server, { deploymentId: 'argo:42' });
    expect(res.status).toBe(201);
    expect(res.body.deploymentId).toBe('argo:42');
    expect(notes(res.body).join('\n')).not.toMatch(/link/i);
  });

  // bad input tried: an environment that is not a DNS label, a version with
  // a newline, an empty version, an unknown key in the deployment, a
  // deployment that is a string, a missing version
  it.each([
    [
      'an environment that is not a DNS label',
      { environment: 'Prod uction', version: '1.0.0' },
      'environment',
    ],
    [
      'a version with a newline',
      { environment: 'production', version: '1.0\n0' },
      'version',
    ],
    [
      'an empty version',
      { environment: 'production', version: ' ' },
      'version',
    ],
    [
      'an unknown key',
      { environment: 'production', version: '1.0.0', id: 'x' },
      'id',
    ],
    ['a string', 'production@1.0.0', 'deployment'],
    ['a missing version', { environment: 'production' }, 'version'],
  ])(
    'refuses %s with 400 and stores nothing',
    async (_title, deployment, field) => {
      const server = await start('SQLITE_3', { withDeployments: true });
      const res = await triggerIncident(server, { deployment });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(field);
      const list = await request(server)
        .get('/api/oncall/incidents')
        .set('Authorization', `Bearer ${INCIDENT_BOT_TOKEN}`);
      expect(list.body.items).toEqual([]);
    },
  );
});
