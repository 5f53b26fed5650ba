import { startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// the test wires the module into the real on-call backend it extends
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import oncallPlugin from '@opsdeck/plugin-oncall-backend';
import request from 'supertest';
import {
  FROM_EMAIL,
  checkoutAccount,
  pagerDutyConfig,
  supportingServices,
} from './__testUtils__/checkoutBackend';
import { PagerDutyServer } from './__testUtils__/pagerDutyServer';
import { oncallModulePagerduty } from './module';

jest.setTimeout(30_000);

const CHECKOUT = 'component:default/checkout';

describe('on-call backend with the PagerDuty module against a local PagerDuty', () => {
  let pagerDuty: PagerDutyServer;

  async function start(options?: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    pagerDuty?: Record<string, unknown>;
  }) {
    pagerDuty = await new PagerDutyServer(checkoutAccount()).start();
    const { server } = await startTestBackend({
      features: [
        oncallPlugin,
        oncallModulePagerduty,
        ...supportingServices({
          permission: options?.permission,
          config: {
            oncall: {
              pagerduty: pagerDutyConfig(pagerDuty.url, options?.pagerDuty),
            },
          },
        }),
      ],
    });
    return server;
  }

  afterEach(async () => {
    await pagerDuty?.stop();
  });

  describe('who is on call', () => {
    it('links PagerDuty users to catalog Users with the same email', async () => {
      const app = await start();
      const res = await request(app)
        .get('/api/oncall/oncall')
        .query({ entityRef: CHECKOUT });
      expect(res.status).toBe(200);
      expect(res.body.provider).toBe('pagerduty');
      expect(res.body.levels[0].now[0].user).toEqual({
        userRef: 'user:default/alice',
        displayName: 'Alice Doe',
        email: 'alice@example.com',
        url: 'https://example.pagerduty.com/users/PALICE',
      });
    });
  });

  describe('listing incidents when a source fails', () => {
    it('lists PagerDuty incidents with qualified ids and no errors when PagerDuty answers', async () => {
      const app = await start();
      const res = await request(app)
        .get('/api/oncall/incidents')
        .query({ entityRef: CHECKOUT });
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([]);
      expect(res.body.items.map((i: any) => [i.id, i.source])).toEqual([
        ['pagerduty:PINC1', 'pagerduty'],
      ]);
    });

    it('keeps built-in incidents and names PagerDuty precisely when its token is rejected', async () => {
      const app = await start({ pagerDuty: { token: 'wrong-token' } });
      const created = await request(app).post('/api/oncall/incidents').send({
        entityRef: CHECKOUT,
        title: 'Trigger goes to PagerDuty',
        severity: 'error',
      });
      // the entity is PagerDuty's, so the trigger went there through Events v2
      expect(created.status).toBe(201);
      const res = await request(app)
        .get('/api/oncall/incidents')
        .query({ entityRef: CHECKOUT, status: 'triggered,acknowledged' });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
      expect(res.body.errors).toEqual([
        {
          source: 'pagerduty',
          message: expect.stringContaining(
            'PagerDuty rejected the configured API token for GET /incidents (HTTP 401)',
          ),
        },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('wrong-token');
    });

    it('reports 5xx after retries and 403 for a missing scope per source', async () => {
      const app = await start();
      pagerDuty.fail(
        '/incidents',
        { kind: 'status', status: 503, body: '{"error":{"message":"down"}}' },
        { kind: 'status', status: 503, body: '{"error":{"message":"down"}}' },
      );
      const res = await request(app)
        .get('/api/oncall/incidents')
        .query({ entityRef: CHECKOUT });
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([
        {
          source: 'pagerduty',
          message:
            'Incidents from pagerduty could not be read: PagerDuty answered HTTP 503 for GET /incidents after 2 attempts: down',
        },
      ]);
    });
  });

  describe('incident detail', () => {
    it('reads a PagerDuty incident with its log entries as timeline, oldest first', async () => {
      const app = await start();
      const res = await request(app).get(
        '/api/oncall/incidents/pagerduty:PINC1',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: 'pagerduty:PINC1',
        source: 'pagerduty',
        entityRef: CHECKOUT,
        title: 'Checkout 5xx above 2%',
        severity: 'critical',
        status: 'triggered',
        url: 'https://example.pagerduty.com/incidents/PINC1',
      });
      expect(
        res.body.timeline.map((e: any) => [
          e.type,
          e.status ?? e.text,
          e.author,
        ]),
      ).toEqual([
        ['state', 'triggered', 'API'],
        ['note', 'Notified Alice Doe by phone.', 'API'],
        ['note', 'Rolling back release 42', 'Alice Doe'],
      ]);
      expect(res.body.timeline[0].incidentId).toBe('pagerduty:PINC1');
    });

    it('answers 404 for an unknown PagerDuty incident, an unknown source and an incident of no visible entity', async () => {
      const app = await start();
      const unknown = await request(app).get(
        '/api/oncall/incidents/pagerduty:PNOPE',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain(
        'PagerDuty has no incident PNOPE',
      );
      const source = await request(app).get(
        '/api/oncall/incidents/opsgenie:X1',
      );
      expect(source.status).toBe(404);
      expect(source.body.error.message).toBe(
        'No incident source "opsgenie" is installed',
      );
      const hidden = await request(app).get(
        '/api/oncall/incidents/pagerduty:PINC9',
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toContain(
        'belongs to no catalog entity you can see',
      );
    });

    it('rejects malformed ids before calling PagerDuty', async () => {
      const app = await start();
      // bad inputs: traversal, two prefixes, a query smuggled into the id
      for (const id of [
        'pagerduty:..%2Fservices',
        'pagerduty:a:b',
        'pagerduty:P1%3Flimit%3D1',
      ]) {
        const res = await request(app).get(`/api/oncall/incidents/${id}`);
        expect(res.status).toBe(400);
      }
      expect(pagerDuty.requests).toEqual([]);
    });
  });

  describe('acknowledge and resolve', () => {
    it('acknowledges then resolves with PUT /incidents/{id} as the configured From user', async () => {
      const app = await start();
      const acked = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC1/acknowledge')
        .send({});
      expect(acked.status).toBe(200);
      expect(acked.body.status).toBe('acknowledged');
      const resolved = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC1/resolve')
        .send({ text: 'Rolled back to release 41' });
      expect(resolved.status).toBe(200);
      expect(resolved.body.status).toBe('resolved');
      expect(resolved.body.resolvedAt).toEqual(expect.any(String));
      const puts = pagerDuty.requests.filter(r => r.method === 'PUT');
      expect(puts.map(r => [r.path, r.headers.from, r.body])).toEqual([
        [
          '/incidents/PINC1',
          FROM_EMAIL,
          { incident: { type: 'incident_reference', status: 'acknowledged' } },
        ],
        [
          '/incidents/PINC1',
          FROM_EMAIL,
          {
            incident: {
              type: 'incident_reference',
              status: 'resolved',
              resolution: `Rolled back to release 41 (user:default/mock)`,
            },
          },
        ],
      ]);
      expect(
        resolved.body.timeline
          .filter((e: any) => e.type === 'state')
          .map((e: any) => [e.status, e.author]),
      ).toEqual([
        ['triggered', 'API'],
        ['acknowledged', 'Backstage Bot'],
        ['resolved', 'Backstage Bot'],
      ]);
      const again = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC1/acknowledge')
        .send({});
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        'PagerDuty incident PINC1 is already resolved',
      );
    });

    it('is gated by the same permissions as built-in incidents', async () => {
      const app = await start({ permission: AuthorizeResult.DENY });
      for (const action of ['acknowledge', 'resolve']) {
        const res = await request(app)
          .post(`/api/oncall/incidents/pagerduty:PINC1/${action}`)
          .send({});
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `Missing permission oncall.incident.${action}`,
        );
      }
      expect(pagerDuty.requests.filter(r => r.method === 'PUT')).toEqual([]);
    });

    it('refuses changes without oncall.pagerduty.fromEmail and leaves the incident alone', async () => {
      const app = await start({ pagerDuty: { fromEmail: undefined } });
      const res = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC1/acknowledge')
        .send({});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('oncall.pagerduty.fromEmail');
      expect(pagerDuty.requests).toEqual([]);
    });

    it('reports PagerDuty refusing the From user precisely', async () => {
      const app = await start({
        pagerDuty: { fromEmail: 'stranger@example.com' },
      });
      const res = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC1/acknowledge')
        .send({});
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'PagerDuty rejected PUT /incidents/{id} (HTTP 400): Invalid Input Provided; code 2001; A valid user email must be given in the From header',
      );
    });

    it('does not change incidents of entities the caller cannot see', async () => {
      const app = await start();
      const res = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC9/resolve')
        .send({});
      expect(res.status).toBe(404);
      expect(pagerDuty.requests.filter(r => r.method === 'PUT')).toEqual([]);
    });

    it('says notes on PagerDuty incidents are added in PagerDuty', async () => {
      const app = await start();
      const res = await request(app)
        .post('/api/oncall/incidents/pagerduty:PINC1/notes')
        .send({ text: 'hello' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Notes on pagerduty incidents are added in pagerduty',
      );
    });
  });
});
