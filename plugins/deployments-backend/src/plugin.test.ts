import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DeploymentEventInput } from '@opsdeck/plugin-deployments-common';
import request from 'supertest';
import {
  CATALOG_ONLY_TOKEN,
  PIPELINE_TOKEN,
  asPipeline,
  deploymentEvent,
  rollbackCalls,
  startBackend,
  userToken,
} from './__testUtils__/deploymentsTestBackend';

jest.setTimeout(60_000);

describe('deployments backend', () => {
  describe('authentication', () => {
    it('accepts events with the pipeline token, idempotently', async () => {
      const server = await startBackend();
      const first = await asPipeline(server)
        .post('/events')
        .send(deploymentEvent());
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        eventId: 'run-1-succeeded',
        duplicate: false,
      });
      const again = await asPipeline(server)
        .post('/events')
        .send(deploymentEvent());
      expect(again.status).toBe(200);
      expect(again.body.duplicate).toBe(true);

      const summary = await asPipeline(server)
        .get('/summary')
        .query({ entityRef: 'component:default/checkout-service' });
      expect(summary.status).toBe(200);
      expect(summary.body.environments).toHaveLength(1);
      expect(summary.body.environments[0].current.version).toBe('1.4.2');
    });

    it('refuses a wrong token, no token, and a token for another plugin', async () => {
      const server = await startBackend();
      const wrong = await request(server)
        .post('/api/deployments/events')
        .set('Authorization', 'Bearer not-the-token-at-all')
        .send(deploymentEvent());
      expect(wrong.status).toBe(401);
      const none = await request(server)
        .post('/api/deployments/events')
        .send(deploymentEvent());
      expect(none.status).toBe(401);
      const otherPlugin = await request(server)
        .post('/api/deployments/events')
        .set('Authorization', `Bearer ${CATALOG_ONLY_TOKEN}`)
        .send(deploymentEvent());
      expect(otherPlugin.status).toBe(403);
      const noneRead = await request(server)
        .get('/api/deployments/summary')
        .query({ entityRef: 'component:default/checkout-service' });
      expect(noneRead.status).toBe(401);
      const health = await request(server).get('/api/deployments/health');
      expect(health.status).toBe(200);
    });

    it('lets users read but not post events', async () => {
      const server = await startBackend();
      const token = await userToken(server);
      const read = await request(server)
        .get('/api/deployments/history')
        .query({ entityRef: 'component:default/checkout-service' })
        .set('Authorization', `Bearer ${token}`);
      expect(read.status).toBe(200);
      expect(read.body.items).toEqual([]);
      const post = await request(server)
        .post('/api/deployments/events')
        .set('Authorization', `Bearer ${token}`)
        .send(deploymentEvent());
      expect(post.status).toBe(403);
    });
  });

  describe('bad input', () => {
    const post = (server: any, path: string) =>
      request(server)
        .post(`/api/deployments${path}`)
        .set('Authorization', `Bearer ${PIPELINE_TOKEN}`);

    it('names the invalid fields of a malformed event', async () => {
      const server = await startBackend();
      const res = await post(server, '/events').send(
        deploymentEvent({
          environment: 'Prod\nuction',
          commitSha: '$(rm -rf /)',
          version: 'v1\u0000',
          timestamp: 'yesterday',
        }),
      );
      expect(res.status).toBe(400);
      const message: string = res.body.error.message;
      expect(message).toContain('environment: must be a lowercase DNS label');
      expect(message).toContain('commitSha: must be a hexadecimal commit SHA');
      expect(message).toContain('version: must not contain control characters');
      expect(message).toContain('timestamp');
    });

    it('rejects hostile strings without storing anything', async () => {
      const server = await startBackend();
      for (const hostile of [
        { actor: 'x'.repeat(201) },
        // eslint-disable-next-line no-script-url
        { runUrl: 'javascript:alert(1)' },
        { trafficWeight: 101 },
        { step: -1 },
        { entityRef: '../../etc/passwd' },
        { status: 'deployed' },
        { eventId: '' },
      ] as Partial<DeploymentEventInput>[]) {
        const res = await post(server, '/events').send(
          deploymentEvent(hostile),
        );
        expect({ hostile, status: res.status }).toEqual({
          hostile,
          status: 400,
        });
      }
      const nan = await post(server, '/events')
        .set('Content-Type', 'application/json')
        .send('{"eventId":"x","trafficWeight":NaN}');
      expect(nan.status).toBe(400);
      expect(nan.body.error.message).toContain('not valid JSON');
      const history = await asPipeline(server)
        .get('/history')
        .query({ entityRef: 'component:default/checkout-service' });
      expect(history.body.totalCount).toBe(0);
    });

    it('keeps quotes and template syntax as plain data', async () => {
      const server = await startBackend();
      const actor = `"'\${{ github.token }} $(id) \`id\``;
      const res = await post(server, '/events').send(
        deploymentEvent({ actor }),
      );
      expect(res.status).toBe(201);
      const history = await asPipeline(server).get('/history').query({
        entityRef: 'component:default/checkout-service',
        from: '2026-02-01T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
      });
      expect(history.body.items[0].actor).toBe(actor);
    });

    // Bad input tried: a timestamp and a commit time one hour ahead, a
    // timestamp in the year 2999, one ahead within the allowed skew.
    it('refuses events dated further in the future than the allowed clock skew', async () => {
      const server = await startBackend({
        config: {
          ingestion: { maxBodyBytes: 64 * 1024, maxClockSkewSeconds: 120 },
        },
      });
      const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
      for (const [field, value] of [
        ['timestamp', inMs(3_600_000)],
        ['commitTime', inMs(3_600_000)],
        ['timestamp', '2999-01-01T00:00:00Z'],
      ] as const) {
        const res = await post(server, '/events').send(
          deploymentEvent({
            eventId: `future-${field}-${value}`,
            [field]: value,
          }),
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          `Event "future-${field}-${value}": ${field} ${value} is more than 120 seconds in the future (deployments.ingestion.maxClockSkewSeconds)`,
        );
      }
      const batch = await post(server, '/events/batch').send({
        events: [
          deploymentEvent({ eventId: 'now' }),
          deploymentEvent({ eventId: 'later', timestamp: inMs(3_600_000) }),
        ],
      });
      expect(batch.status).toBe(400);
      const history = await asPipeline(server)
        .get('/history')
        .query({ entityRef: 'component:default/checkout-service' });
      expect(history.status).toBe(200);
      expect(history.body.totalCount).toBe(0);
      const skewed = await post(server, '/events').send(
        deploymentEvent({ eventId: 'slightly-ahead', timestamp: inMs(60_000) }),
      );
      expect(skewed.status).toBe(201);
    });

    it('answers 413 with the limit for a huge payload', async () => {
      const server = await startBackend();
      const res = await post(server, '/events/batch').send({
        events: Array.from({ length: 400 }, (_, i) =>
          deploymentEvent({ eventId: `e${i}`, version: 'v'.repeat(150) }),
        ),
      });
      expect(res.status).toBe(413);
      expect(res.body.error.message).toContain('over the limit of 65536 bytes');
    });

    it('rejects a batch with an unknown entity as a whole', async () => {
      const server = await startBackend();
      const res = await post(server, '/events/batch').send({
        events: [
          deploymentEvent({ eventId: 'ok-1' }),
          deploymentEvent({
            eventId: 'ghost-1',
            entityRef: 'component:default/ghost',
          }),
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'Unknown entity "component:default/ghost"',
      );
      const again = await post(server, '/events').send(
        deploymentEvent({ eventId: 'ok-1' }),
      );
      expect(again.status).toBe(201);
    });

    it('holds events for unknown entities when configured to', async () => {
      const server = await startBackend({
        config: { ingestion: { unknownEntities: 'hold' } },
      });
      const res = await post(server, '/events').send(
        deploymentEvent({ entityRef: 'component:default/not-yet-registered' }),
      );
      expect(res.status).toBe(201);
    });

    it('reports duplicate ids within and across batches', async () => {
      const server = await startBackend();
      const batch = {
        events: [
          deploymentEvent({ eventId: 'a' }),
          deploymentEvent({ eventId: 'b' }),
          deploymentEvent({ eventId: 'a' }),
        ],
      };
      const first = await post(server, '/events/batch').send(batch);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 });
      const second = await post(server, '/events/batch').send(batch);
      expect(second.body).toMatchObject({ accepted: 0, duplicates: 3 });
    });

    it('stores a concurrent flood exactly once', async () => {
      const server = await startBackend();
      const events = Array.from({ length: 120 }, (_, i) =>
        deploymentEvent({
          eventId: `flood-${i}`,
          runUrl: `https://ci.example.com/runs/${i % 30}`,
          status: i < 30 ? 'started' : 'succeeded',
          timestamp: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
        }),
      );
      // every event sent twice, all at once
      const responses = await Promise.all(
        [...events, ...events].map(event =>
          post(server, '/events').send(event),
        ),
      );
      expect(responses.every(r => r.status === 200 || r.status === 201)).toBe(
        true,
      );
      expect(responses.filter(r => r.status === 201)).toHaveLength(120);
      const history = await asPipeline(server).get('/history').query({
        entityRef: 'component:default/checkout-service',
        from: '2026-02-01T00:00:00Z',
        to: '2026-04-01T00:00:00Z',
        limit: 500,
      });
      expect(history.body.totalCount).toBe(30);
      expect(
        history.body.items.every(
          (d: { status: string }) => d.status === 'succeeded',
        ),
      ).toBe(true);
    });

    it('validates query parameters', async () => {
      const server = await startBackend();
      const get = (query: object) =>
        request(server)
          .get('/api/deployments/history')
          .query(query)
          .set('Authorization', `Bearer ${PIPELINE_TOKEN}`);
      expect((await get({})).status).toBe(400);
      expect(
        (await get({ entityRef: 'checkout' })).body.error.message,
      ).toContain('is not an entity ref');
      expect(
        (
          await get({
            entityRef: 'component:default/checkout-service',
            limit: 'NaN',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await get({
            entityRef: 'component:default/checkout-service',
            from: '2026-03-01T00:00:00Z',
            to: '2026-02-01T00:00:00Z',
          })
        ).body.error.message,
      ).toContain('from must be before to');
      expect((await get({ entityRef: 'component:default/nope' })).status).toBe(
        404,
      );
    });
  });

  describe('queries', () => {
    it('computes DORA for an entity, its system and its team', async () => {
      const server = await startBackend();
      const events = [
        deploymentEvent({
          eventId: 'c1',
          timestamp: '2026-03-02T00:00:00Z',
          commitTime: '2026-03-01T22:00:00Z',
          runUrl: 'https://ci.example.com/c1',
        }),
        deploymentEvent({
          eventId: 'c2',
          status: 'failed',
          timestamp: '2026-03-03T00:00:00Z',
          runUrl: 'https://ci.example.com/c2',
        }),
        deploymentEvent({
          eventId: 'p1',
          entityRef: 'component:default/payments-api',
          timestamp: '2026-03-04T00:00:00Z',
          commitTime: '2026-03-03T20:00:00Z',
          runUrl: 'https://ci.example.com/p1',
        }),
      ];
      await asPipeline(server)
        .post('/events/batch')
        .send({ events })
        .expect(200);
      const dora = (entityRef: string) =>
        asPipeline(server).get('/dora').query({
          entityRef,
          from: '2026-03-01T00:00:00Z',
          to: '2026-03-11T00:00:00Z',
        });
      const entity = (await dora('component:default/checkout-service')).body;
      expect(entity.scope).toBe('entity');
      expect(entity.metrics.deploymentFrequency).toEqual({
        deployments: 1,
        perDay: 0.1,
        band: 'medium',
      });
      // c2 fails on 03-03 and nothing of checkout succeeds after it
      expect(entity.metrics.changeFailureRate.rate).toBe(0.5);
      expect(entity.metrics.failedDeploymentRecoveryTime.unrecovered).toBe(1);

      const system = (await dora('system:default/shop')).body;
      expect(system.scope).toBe('system');
      expect(system.deploymentsIds).toEqual([
        'component:default/checkout-service',
        'component:default/payments-api',
      ]);
      expect(system.metrics.deploymentFrequency.deployments).toBe(2);
      // lead times 2 h and 4 h: median 3 h
      expect(system.metrics.leadTimeForChanges.medianSeconds).toBe(10800);
      expect(system.metrics.changeFailureRate.rate).toBeCloseTo(1 / 3, 12);

      const team = (await dora('group:default/checkout-team')).body;
      expect(team.scope).toBe('group');
      expect(team.metrics.finishedDeployments).toBe(3);
    });

    it('shows an in-flight canary with its step and weight', async () => {
      const server = await startBackend();
      const canary = (
        eventId: string,
        step: number,
        trafficWeight: number,
        timestamp: string,
      ) =>
        deploymentEvent({
          eventId,
          version: '1.5.0',
          status: 'started',
          strategy: 'canary',
          step,
          trafficWeight,
          timestamp,
          runUrl: 'https://ci.example.com/runs/canary',
        });
      // newest step arrives first
      for (const event of [
        canary('k2', 2, 50, '2026-03-05T10:20:00Z'),
        canary('k0', 0, 10, '2026-03-05T10:00:00Z'),
        deploymentEvent(),
      ]) {
        await asPipeline(server).post('/events').send(event).expect(201);
      }
      const summary = await asPipeline(server)
        .get('/summary')
        .query({ entityRef: 'component:default/checkout-service' });
      const [production] = summary.body.environments;
      expect(production.current.version).toBe('1.4.2');
      expect(production.inFlight).toMatchObject({
        version: '1.5.0',
        strategy: 'canary',
        step: 2,
        trafficWeight: 50,
        startedAt: '2026-03-05T10:00:00.000Z',
      });
      expect(production.rollbackSupported).toBe(true);
    });
  });

  describe('rollback', () => {
    async function seedTwoVersions(server: any) {
      for (const event of [
        deploymentEvent({
          eventId: 'v1',
          version: '1.0.0',
          runUrl: 'https://ci.example.com/v1',
          timestamp: '2026-03-01T00:00:00Z',
        }),
        deploymentEvent({
          eventId: 'v2',
          version: '2.0.0',
          runUrl: 'https://ci.example.com/v2',
          timestamp: '2026-03-02T00:00:00Z',
        }),
      ]) {
        await asPipeline(server).post('/events').send(event).expect(201);
      }
    }

    it('asks the provider and records a rolled_back event when allowed', async () => {
      rollbackCalls.length = 0;
      const server = await startBackend();
      await seedTwoVersions(server);
      const token = await userToken(server);
      const res = await request(server)
        .post('/api/deployments/rollback')
        .set('Authorization', `Bearer ${token}`)
        .send({
          entityRef: 'component:default/checkout-service',
          environment: 'production',
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        rolledBackVersion: '2.0.0',
        provider: 'test-cd',
        message: 'rolled back to 1.0.0',
      });
      expect(rollbackCalls).toHaveLength(1);
      const summary = await request(server)
        .get('/api/deployments/summary')
        .query({ entityRef: 'component:default/checkout-service' })
        .set('Authorization', `Bearer ${token}`);
      const [production] = summary.body.environments;
      expect(production.current.version).toBe('1.0.0');
      expect(production.latest).toMatchObject({
        version: '2.0.0',
        status: 'rolled_back',
        actor: 'user:development/guest',
      });
    });

    it('refuses without the permission and stores nothing', async () => {
      rollbackCalls.length = 0;
      const server = await startBackend({ permission: AuthorizeResult.DENY });
      await seedTwoVersions(server);
      const token = await userToken(server);
      const res = await request(server)
        .post('/api/deployments/rollback')
        .set('Authorization', `Bearer ${token}`)
        .send({
          entityRef: 'component:default/checkout-service',
          environment: 'production',
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('deployments.rollback');
      expect(rollbackCalls).toHaveLength(0);
    });

    it('refuses service tokens, entities without a provider, and reports provider failures', async () => {
      const server = await startBackend();
      await seedTwoVersions(server);
      const asService = await asPipeline(server).post('/rollback').send({
        entityRef: 'component:default/checkout-service',
        environment: 'production',
      });
      expect(asService.status).toBe(403);
      const token = await userToken(server);
      const noProvider = await request(server)
        .post('/api/deployments/rollback')
        .set('Authorization', `Bearer ${token}`)
        .send({
          entityRef: 'component:default/payments-api',
          environment: 'production',
        });
      expect(noProvider.status).toBe(409);
      const nothingThere = await request(server)
        .post('/api/deployments/rollback')
        .set('Authorization', `Bearer ${token}`)
        .send({
          entityRef: 'component:default/checkout-service',
          environment: 'staging',
        });
      expect(nothingThere.status).toBe(409);

      await asPipeline(server)
        .post('/events')
        .send(deploymentEvent({ eventId: 'broken-1', environment: 'broken' }))
        .expect(201);
      const providerDown = await request(server)
        .post('/api/deployments/rollback')
        .set('Authorization', `Bearer ${token}`)
        .send({
          entityRef: 'component:default/checkout-service',
          environment: 'broken',
        });
      expect(providerDown.status).toBe(503);
      expect(providerDown.body.error.message).toBe('test-cd is down');
      const summary = await request(server)
        .get('/api/deployments/summary')
        .query({ entityRef: 'component:default/checkout-service' })
        .set('Authorization', `Bearer ${token}`);
      const broken = summary.body.environments.find(
        (e: { environment: string }) => e.environment === 'broken',
      );
      expect(broken.latest.status).toBe('succeeded');
    });
  });

  describe('incident links', () => {
    it('links an incident to a deployment for the change failure rate', async () => {
      const server = await startBackend();
      await asPipeline(server).post('/events').send(deploymentEvent());
      const link = {
        incidentRef: 'oncall:42',
        entityRef: 'component:default/checkout-service',
        environment: 'production',
        version: '1.4.2',
      };
      const first = await asPipeline(server).post('/incident-links').send(link);
      expect(first.status).toBe(201);
      expect(first.body.linked).toBe(true);
      const again = await asPipeline(server).post('/incident-links').send(link);
      expect(again.status).toBe(200);
      expect(again.body.linked).toBe(false);
      const dora = await asPipeline(server).get('/dora').query({
        entityRef: 'component:default/checkout-service',
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-11T00:00:00Z',
      });
      expect(dora.body.metrics.changeFailureRate).toMatchObject({
        failures: 1,
        rate: 1,
      });

      // bad input tried: unknown version, malformed environment, missing
      // incident, a user instead of a service
      const unknown = await asPipeline(server)
        .post('/incident-links')
        .send({ ...link, version: '9.9.9' });
      expect(unknown.status).toBe(404);
      const malformed = await asPipeline(server)
        .post('/incident-links')
        .send({ ...link, environment: 'Prod uction', incidentRef: undefined });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('environment');
      expect(malformed.body.error.message).toContain('incidentRef');
      const asUser = await request(server)
        .post('/api/deployments/incident-links')
        .set('Authorization', `Bearer ${await userToken(server)}`)
        .send(link);
      expect(asUser.status).toBe(403);
    });
  });
});
