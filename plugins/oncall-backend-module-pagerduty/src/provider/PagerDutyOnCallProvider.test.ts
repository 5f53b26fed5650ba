import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PagerDutyAccount,
  PagerDutyServer,
} from '../__testUtils__/pagerDutyServer';
import { readPagerDutyConfig } from '../config';
import { createPagerDutyProvider } from './createPagerDutyProvider';

const TOKEN = 'pd-test-token-u+123';
const ROUTING_KEY = 'R0UT1NGKEY0123456789ABCDEFGHIJKL';
const AT = new Date('2026-03-10T10:00:00Z');
const HOUR = 3_600_000;
const CONTEXT = { credentials: mockCredentials.user() };

/** Hourly handoffs between two people for 40 days: more than 100 entries. */
function hourlyShifts(): PagerDutyAccount['onCalls'] {
  const shifts: PagerDutyAccount['onCalls'] = [];
  const first = Date.parse('2026-03-10T00:00:00Z');
  for (let i = 0; i < 40 * 24; i++) {
    shifts.push({
      escalationPolicyId: 'PEP1',
      level: 1,
      schedule: { id: 'PS1', name: 'Checkout primary' },
      userId: i % 2 === 0 ? 'PALICE' : 'PBOB',
      start: new Date(first + i * HOUR).toISOString(),
      end: new Date(first + (i + 1) * HOUR).toISOString(),
    });
  }
  return shifts;
}

function account(overrides?: Partial<PagerDutyAccount>): PagerDutyAccount {
  return {
    token: TOKEN,
    services: [
      {
        id: 'PSVC1',
        name: 'Checkout',
        escalationPolicyId: 'PEP1',
        routingKey: ROUTING_KEY,
      },
      {
        id: 'PSVC2',
        name: 'Payments',
        escalationPolicyId: 'PEP1',
        routingKey: 'OTHERKEY0123456789ABCDEFGHIJKLMN',
      },
    ],
    escalationPolicies: [
      {
        id: 'PEP1',
        name: 'Checkout escalation',
        rules: [
          {
            delayMinutes: 15,
            targets: [{ id: 'PS1', type: 'schedule_reference' }],
          },
          {
            delayMinutes: 30,
            targets: [{ id: 'PMGR', type: 'user_reference' }],
          },
        ],
      },
    ],
    users: [
      { id: 'PALICE', name: 'Alice Doe', email: 'alice@example.com' },
      { id: 'PBOB', name: 'Bob Roe', email: 'bob@example.com' },
      { id: 'PMGR', name: 'Maria Manager', email: 'maria@example.com' },
    ],
    onCalls: [
      ...hourlyShifts(),
      {
        escalationPolicyId: 'PEP1',
        level: 2,
        userId: 'PMGR',
        start: null,
        end: null,
      },
    ],
    incidents: [
      {
        id: 'PINC1',
        serviceId: 'PSVC1',
        title: 'Checkout 5xx above 2%',
        status: 'triggered',
        urgency: 'high',
        createdAt: '2026-03-10T09:30:00Z',
        priority: 'P1',
      },
      {
        id: 'PINC2',
        serviceId: 'PSVC1',
        title: 'Slow checkout page',
        status: 'acknowledged',
        urgency: 'low',
        createdAt: '2026-03-10T08:00:00Z',
      },
      {
        id: 'PINC3',
        serviceId: 'PSVC1',
        title: 'Old outage',
        status: 'resolved',
        urgency: 'high',
        createdAt: '2026-03-01T08:00:00Z',
      },
      {
        id: 'PINC4',
        serviceId: 'PSVC2',
        title: 'Payments incident',
        status: 'triggered',
        urgency: 'high',
        createdAt: '2026-03-10T07:00:00Z',
      },
    ],
    ...overrides,
  };
}

const entity = (serviceId = 'PSVC1'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'pagerduty.com/service-id': serviceId },
  },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
});

describe('PagerDutyOnCallProvider against a local PagerDuty', () => {
  let server: PagerDutyServer;

  async function start(
    overrides?: Partial<PagerDutyAccount>,
    settings?: Record<string, unknown>,
  ) {
    server = await new PagerDutyServer(account(overrides)).start();
    const config = readPagerDutyConfig(
      new ConfigReader({
        oncall: {
          pagerduty: {
            token: TOKEN,
            apiBaseUrl: server.url,
            eventsBaseUrl: server.url,
            timeoutMs: 2000,
            services: [{ serviceId: 'PSVC1', routingKey: ROUTING_KEY }],
            ...settings,
          },
        },
      }),
    )!;
    return createPagerDutyProvider(
      config,
      catalogServiceMock({ entities: [entity()] }),
      {
        retryBaseDelayMs: 10,
        now: () => AT,
      },
    );
  }

  afterEach(async () => {
    await server?.stop();
  });

  describe('who is on call', () => {
    it('reads every level of the service escalation policy, all pages', async () => {
      const provider = await start();
      const levels = await provider.getOnCall(entity(), AT, CONTEXT);

      expect(levels.map(l => [l.level, l.delayMinutes])).toEqual([
        [1, 0],
        [2, 15],
      ]);
      // 10:00-11:00 is the 11th hourly shift: Alice's (even index)
      expect(levels[0].now).toEqual([
        {
          user: {
            displayName: 'Alice Doe',
            email: 'alice@example.com',
            url: 'https://example.pagerduty.com/users/PALICE',
          },
          start: '2026-03-10T10:00:00.000Z',
          end: '2026-03-10T11:00:00.000Z',
          schedule: 'Checkout primary',
        },
      ]);
      expect(levels[0].next).toEqual([
        expect.objectContaining({
          user: expect.objectContaining({ displayName: 'Bob Roe' }),
          start: '2026-03-10T11:00:00.000Z',
          end: '2026-03-10T12:00:00.000Z',
        }),
      ]);
      expect(levels[1].now).toEqual([
        expect.objectContaining({
          user: expect.objectContaining({ email: 'maria@example.com' }),
          start: null,
          end: null,
        }),
      ]);

      const service = server.requestsTo('/services/PSVC1')[0];
      expect(service.headers.authorization).toBe(`Token token=${TOKEN}`);
      expect(service.headers.accept).toBe(
        'application/vnd.pagerduty+json;version=2',
      );
      const pages = server.requestsTo('/oncalls');
      // 35 days of hourly shifts (840 + the permanent one) in pages of 100
      expect(pages.map(p => p.query.get('offset'))).toEqual([
        '0',
        '100',
        '200',
        '300',
        '400',
        '500',
        '600',
        '700',
        '800',
      ]);
      expect(pages[0].query.getAll('escalation_policy_ids[]')).toEqual([
        'PEP1',
      ]);
      expect(pages[0].query.getAll('include[]')).toEqual(['users']);
      expect(pages[0].query.get('since')).toBe('2026-03-10T10:00:00.000Z');
      expect(pages[0].query.get('until')).toBe('2026-04-14T10:00:00.000Z');
    });

    it('fetches the escalation policy when the service does not expand it', async () => {
      const provider = await start({ ignoresInclude: true });
      const levels = await provider.getOnCall(entity(), AT, CONTEXT);
      expect(server.requestsTo('/escalation_policies/PEP1')).toHaveLength(1);
      expect(levels).toHaveLength(2);
    });
  });

  describe('open incidents', () => {
    it('lists triggered and acknowledged incidents of the service', async () => {
      const provider = await start();
      const incidents = await provider.listOpenIncidents(entity());
      expect(incidents).toEqual([
        {
          id: 'PINC1',
          source: 'pagerduty',
          entityRef: 'component:default/checkout',
          title: 'Checkout 5xx above 2%',
          severity: 'critical',
          urgency: 'high',
          status: 'triggered',
          createdBy: 'pagerduty',
          createdAt: '2026-03-10T09:30:00.000Z',
          url: 'https://example.pagerduty.com/incidents/PINC1',
        },
        {
          id: 'PINC2',
          source: 'pagerduty',
          entityRef: 'component:default/checkout',
          title: 'Slow checkout page',
          severity: 'warning',
          urgency: 'low',
          status: 'acknowledged',
          createdBy: 'pagerduty',
          createdAt: '2026-03-10T08:00:00.000Z',
          acknowledgedAt: '2026-03-10T08:00:00.000Z',
          url: 'https://example.pagerduty.com/incidents/PINC2',
        },
      ]);
      const [request] = server.requestsTo('/incidents');
      expect(request.query.getAll('service_ids[]')).toEqual(['PSVC1']);
      expect(request.query.getAll('statuses[]')).toEqual([
        'triggered',
        'acknowledged',
      ]);
    });
  });

  describe('trigger and change events', () => {
    it('triggers through Events v2 with the service routing key', async () => {
      const provider = await start();
      const incident = await provider.triggerIncident(entity(), {
        entityRef: 'component:default/checkout',
        title: 'Checkout down',
        description: 'All requests fail',
        severity: 'critical',
        urgency: 'high',
        deploymentId: 'deploy-42',
        createdBy: 'user:default/alice',
      });
      expect(server.events).toHaveLength(1);
      const { body } = server.events[0];
      expect(body).toEqual({
        routing_key: ROUTING_KEY,
        event_action: 'trigger',
        dedup_key: incident.id,
        client: 'Opsdeck',
        payload: {
          summary: 'Checkout down',
          source: 'component:default/checkout',
          severity: 'critical',
          timestamp: '2026-03-10T10:00:00.000Z',
          component: 'checkout',
          custom_details: {
            entityRef: 'component:default/checkout',
            urgency: 'high',
            createdBy: 'user:default/alice',
            description: 'All requests fail',
            deploymentId: 'deploy-42',
          },
        },
      });
      expect(incident).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        source: 'pagerduty',
        entityRef: 'component:default/checkout',
        title: 'Checkout down',
        description: 'All requests fail',
        severity: 'critical',
        urgency: 'high',
        status: 'triggered',
        deploymentId: 'deploy-42',
        createdBy: 'user:default/alice',
        createdAt: '2026-03-10T10:00:00.000Z',
      });
      // the routing key travels in the body only
      expect(server.requestsTo('/v2/enqueue')[0].headers.authorization).toBe(
        undefined,
      );
    });

    it('refuses to trigger for a service without a configured routing key', async () => {
      const provider = await start();
      await expect(
        provider.triggerIncident(entity('PSVC2'), {
          entityRef: 'component:default/checkout',
          title: 'Payments down',
          severity: 'error',
          createdBy: 'user:default/alice',
        }),
      ).rejects.toThrow(
        'No Events API v2 routing key is configured for PagerDuty service PSVC2: add it under oncall.pagerduty.services (serviceId, routingKey)',
      );
      expect(server.requests).toHaveLength(0);
    });

    it('reports a routing key PagerDuty does not know precisely', async () => {
      const provider = await start(undefined, {
        services: [
          {
            serviceId: 'PSVC1',
            routingKey: 'UNKNOWNKEY0123456789ABCDEFGHIJKL',
          },
        ],
      });
      const error = await provider
        .triggerIncident(entity(), {
          entityRef: 'component:default/checkout',
          title: 'Checkout down',
          severity: 'error',
          createdBy: 'user:default/alice',
        })
        .catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(
        "PagerDuty rejected POST /v2/enqueue (HTTP 400): Event object is invalid; 'routing_key' is invalid",
      );
      expect(error.message).not.toContain('UNKNOWNKEY');
    });

    it('sends change events, e.g. for a reported deployment', async () => {
      const provider = await start();
      await provider.sendChangeEvent(entity(), {
        summary: 'Deployed checkout 1.4.2 to production',
        timestamp: '2026-03-10T09:58:00Z',
        source: 'github-actions',
        links: [
          {
            href: 'https://ci.example.com/runs/77',
            text: 'Pipeline run',
          },
        ],
        customDetails: { version: '1.4.2', environment: 'production' },
      });
      expect(server.events).toEqual([
        {
          path: '/v2/change/enqueue',
          body: {
            routing_key: ROUTING_KEY,
            payload: {
              summary: 'Deployed checkout 1.4.2 to production',
              source: 'github-actions',
              timestamp: '2026-03-10T09:58:00Z',
              custom_details: { version: '1.4.2', environment: 'production' },
            },
            links: [
              { href: 'https://ci.example.com/runs/77', text: 'Pipeline run' },
            ],
          },
        },
      ]);
    });

    it.each([
      ['an empty summary', { summary: '  ' }, 'summary'],
      ['a multi-line summary', { summary: 'a\nb' }, 'single line'],
      [
        'a summary over 1024 characters',
        { summary: 'x'.repeat(1025) },
        'summary',
      ],
      [
        'a javascript: link',
        {
          summary: 'ok',
          links: [{ href: ['javascript', 'alert(1)'].join(':') }],
        },
        'links.0.href',
      ],
      [
        'a timestamp that is not ISO 8601',
        { summary: 'ok', timestamp: 'yesterday' },
        'timestamp',
      ],
      ['an unknown field', { summary: 'ok', routing_key: 'x' }, 'routing_key'],
    ])(
      'rejects a change event with %s, sending nothing',
      async (_, change, hint) => {
        const provider = await start();
        await expect(
          provider.sendChangeEvent(entity(), change as any),
        ).rejects.toThrow(
          expect.objectContaining({
            name: 'InputError',
            message: expect.stringContaining(hint),
          }),
        );
        expect(server.requests).toHaveLength(0);
      },
    );
  });

  describe('faults', () => {
    it.each([
      ['../users', 'path traversal'],
      ['PSVC1?x=1', 'a query string'],
      ['', 'nothing'],
    ])('rejects the service id %j (%s) without calling PagerDuty', async id => {
      const provider = await start();
      await expect(provider.getOnCall(entity(id), AT, CONTEXT)).rejects.toThrow(
        'pagerduty.com/service-id of component:default/checkout must be a PagerDuty service id',
      );
      expect(server.requests).toHaveLength(0);
    });

    it('says the token is wrong on 401, without the token', async () => {
      const provider = await start({ token: 'another-token' });
      const error = await provider
        .getOnCall(entity(), AT, CONTEXT)
        .catch(e => e);
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.message).toBe(
        'PagerDuty rejected the configured API token for GET /services/{id} (HTTP 401): Unauthorized; code 2006; check oncall.pagerduty.token',
      );
      expect(error.message).not.toContain(TOKEN);
    });

    it('says which request lacks a scope on 403', async () => {
      const provider = await start({ forbiddenPaths: ['/incidents'] });
      await expect(provider.listOpenIncidents(entity())).rejects.toThrow(
        'PagerDuty refused GET /incidents (HTTP 403): the configured API token lacks the access or scope it needs: Access Denied; code 2010; The API key does not have the scope needed for this request',
      );
    });

    it('names an unknown service on 404', async () => {
      const provider = await start();
      await expect(
        provider.getOnCall(entity('PNOPE'), AT, CONTEXT),
      ).rejects.toThrow(
        expect.objectContaining({
          name: 'NotFoundError',
          message:
            'PagerDuty has no service PNOPE (HTTP 404 for GET /services/{id}): Not Found; code 2100',
        }),
      );
    });

    it('waits as long as Retry-After says after 429, then succeeds', async () => {
      const provider = await start();
      server.fail('/incidents', {
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': '1' },
        body: JSON.stringify({
          error: { message: 'Rate Limit Exceeded', code: 2020 },
        }),
      });
      const incidents = await provider.listOpenIncidents(entity());
      expect(incidents.map(i => i.id)).toEqual(['PINC1', 'PINC2']);
      const calls = server.requestsTo('/incidents');
      expect(calls).toHaveLength(2);
      expect(calls[1].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(
        950,
      );
    });

    it('gives up after the configured retries on repeated 429', async () => {
      const provider = await start(undefined, { maxRetries: 2 });
      const limited = {
        kind: 'status' as const,
        status: 429,
        headers: { 'Retry-After': '0' },
      };
      server.fail('/services/PSVC1', limited, limited, limited, limited);
      await expect(provider.getOnCall(entity(), AT, CONTEXT)).rejects.toThrow(
        'PagerDuty rate limit reached for GET /services/{id} (HTTP 429), still limited after 3 attempts; PagerDuty asks to wait 0 s',
      );
      expect(server.requestsTo('/services/PSVC1')).toHaveLength(3);
    });

    it('fails at once when Retry-After is longer than allowed', async () => {
      const provider = await start(undefined, { maxRetryWaitSeconds: 5 });
      server.fail('/services/PSVC1', {
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': '120' },
      });
      await expect(provider.getOnCall(entity(), AT, CONTEXT)).rejects.toThrow(
        'PagerDuty rate limit reached for GET /services/{id} (HTTP 429); PagerDuty asks to wait 120 s, longer than the configured maximum of 5 s',
      );
      expect(server.requestsTo('/services/PSVC1')).toHaveLength(1);
    });

    it('retries 5xx and succeeds when PagerDuty recovers', async () => {
      const provider = await start();
      server.fail(
        '/oncalls',
        { kind: 'status', status: 502 },
        { kind: 'status', status: 503 },
      );
      const levels = await provider.getOnCall(entity(), AT, CONTEXT);
      expect(levels[0].now[0].user.displayName).toBe('Alice Doe');
    });

    it('reports 5xx precisely after bounded retries', async () => {
      const provider = await start(undefined, { maxRetries: 1 });
      const broken = {
        kind: 'status' as const,
        status: 500,
        body: JSON.stringify({
          error: { message: 'Internal Server Error', code: 2000 },
        }),
      };
      server.fail('/incidents', broken, broken, broken);
      await expect(provider.listOpenIncidents(entity())).rejects.toThrow(
        'PagerDuty answered HTTP 500 for GET /incidents after 2 attempts: Internal Server Error; code 2000',
      );
      expect(server.requestsTo('/incidents')).toHaveLength(2);
    });

    it('reports an answer that is not JSON', async () => {
      const provider = await start();
      server.fail('/oncalls', { kind: 'garbage' });
      await expect(provider.getOnCall(entity(), AT, CONTEXT)).rejects.toThrow(
        'PagerDuty answered GET /oncalls with something that is not JSON (HTTP 200, application/json)',
      );
    });

    it('reports JSON of an unexpected shape', async () => {
      const provider = await start();
      server.fail('/incidents', {
        kind: 'status',
        status: 200,
        body: JSON.stringify({ incidents: [{ id: 'P1', status: 'exploded' }] }),
      });
      await expect(provider.listOpenIncidents(entity())).rejects.toThrow(
        /^PagerDuty answered GET \/incidents in an unexpected shape: incidents\.0\.title: /,
      );
    });

    it('times out on a slow server', async () => {
      const provider = await start(undefined, { timeoutMs: 200 });
      server.fail('/services/PSVC1', { kind: 'slow', delayMs: 1500 });
      await expect(provider.getOnCall(entity(), AT, CONTEXT)).rejects.toThrow(
        'PagerDuty did not answer GET /services/{id} within 200 ms',
      );
    });

    it('says when PagerDuty cannot be reached', async () => {
      const provider = await start();
      await server.stop();
      await expect(provider.listOpenIncidents(entity())).rejects.toThrow(
        'PagerDuty could not be reached for GET /incidents: ECONNREFUSED',
      );
    });
  });
});
