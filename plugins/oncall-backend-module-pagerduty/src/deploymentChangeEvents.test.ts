import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { DEPLOYMENT_EVENT_STORED_TOPIC } from '@opsdeck/plugin-deployments-common';
// the test wires the module into the real backends it works with
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deploymentsPlugin from '@opsdeck/plugin-deployments-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import oncallPlugin from '@opsdeck/plugin-oncall-backend';
import request from 'supertest';
import {
  ROUTING_KEY,
  checkoutAccount,
  pagerDutyConfig,
  supportingServices,
} from './__testUtils__/checkoutBackend';
import { PagerDutyServer } from './__testUtils__/pagerDutyServer';
import { oncallModulePagerduty } from './module';

jest.setTimeout(30_000);

/**
 * Waits until `condition` holds: change events are sent after the report
 * is answered. Fails after 10 s.
 */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  if (!condition()) throw new Error('condition not met within 10 s');
}

const deployment = (overrides?: Record<string, unknown>) => ({
  eventId: 'run-42-succeeded',
  entityRef: 'component:default/checkout',
  environment: 'production',
  version: 'v2.7.0',
  commitSha: '0123456789abcdef0123456789abcdef01234567',
  status: 'succeeded',
  actor: 'ada.lovelace',
  runUrl: 'https://ci.example.com/checkout/runs/42',
  timestamp: '2026-03-10T10:00:00Z',
  ...overrides,
});

describe('deployment reported → PagerDuty change event (deployments + on-call + PagerDuty module)', () => {
  let pagerDuty: PagerDutyServer;
  let events: EventsService;

  /** Exposes the events service, to publish what a broken sender would. */
  const eventsProbe = createBackendModule({
    pluginId: 'deployments',
    moduleId: 'events-probe',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef, logger: coreServices.logger },
        async init(deps) {
          events = deps.events;
        },
      });
    },
  });

  async function start(pagerDutyOverrides?: Record<string, unknown>) {
    pagerDuty = await new PagerDutyServer(checkoutAccount()).start();
    const { server } = await startTestBackend({
      features: [
        deploymentsPlugin,
        oncallPlugin,
        oncallModulePagerduty,
        eventsProbe,
        // the real events service, as createBackend() installs it
        eventsServiceFactory,
        ...supportingServices({
          config: {
            oncall: {
              pagerduty: pagerDutyConfig(pagerDuty.url, pagerDutyOverrides),
            },
          },
        }),
      ],
    });
    const report = (body: object) =>
      request(server)
        .post('/api/deployments/events')
        .set('Authorization', mockCredentials.service.header())
        .send(body);
    return { report };
  }

  const changeEvents = () =>
    pagerDuty.events.filter(e => e.path === '/v2/change/enqueue');

  afterEach(async () => {
    await pagerDuty?.stop();
  });

  it('sends exactly one change event per reported deployment, and none for a duplicate event id', async () => {
    const { report } = await start();
    const started = await report(
      deployment({ eventId: 'run-42-started', status: 'started' }),
    );
    expect(started.status).toBe(201);
    expect(changeEvents()).toEqual([]);

    const first = await report(deployment());
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      eventId: 'run-42-succeeded',
      duplicate: false,
    });
    await until(() => changeEvents().length > 0);
    expect(changeEvents()).toEqual([
      {
        path: '/v2/change/enqueue',
        body: {
          routing_key: ROUTING_KEY,
          payload: {
            summary: 'Deployed v2.7.0 to production by ada.lovelace',
            source: 'component:default/checkout',
            timestamp: '2026-03-10T10:00:00Z',
            custom_details: {
              environment: 'production',
              version: 'v2.7.0',
              commitSha: '0123456789abcdef0123456789abcdef01234567',
              status: 'succeeded',
              strategy: 'rolling',
              deploymentEventId: 'run-42-succeeded',
            },
          },
          links: [
            {
              href: 'https://ci.example.com/checkout/runs/42',
              text: 'Pipeline run',
            },
          ],
        },
      },
    ]);

    const again = await report(deployment());
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    // a later deployment is sent; the duplicate reported before it never is
    await report(
      deployment({ eventId: 'run-43-succeeded', version: 'v2.7.1' }),
    );
    await until(() => changeEvents().length > 1);
    expect(
      changeEvents().map(e => e.body.payload.custom_details.deploymentEventId),
    ).toEqual(['run-42-succeeded', 'run-43-succeeded']);
  });

  it('keeps the deployment when PagerDuty refuses the change event', async () => {
    const { report } = await start();
    pagerDuty.fail('/v2/change/enqueue', {
      kind: 'status',
      status: 400,
      body: '{"status":"invalid event","message":"Event object is invalid"}',
    });
    const res = await report(deployment({ eventId: 'run-43-succeeded' }));
    expect(res.status).toBe(201);
    await until(() => pagerDuty.requestsTo('/v2/change/enqueue').length > 0);
    expect(changeEvents()).toEqual([]);
    expect(pagerDuty.requestsTo('/v2/change/enqueue')).toHaveLength(1);
  });

  it('ignores malformed payloads and unknown entities on the topic, and still serves the next valid one', async () => {
    await start();
    // bad inputs on the topic: not an object, a wrong shape, a non-http(s)
    // run link, a deployment of an entity the catalog does not know
    const base = {
      eventId: 'e1',
      deploymentsId: 'component:default/checkout',
      environment: 'production',
      version: 'v1',
      commitSha: 'abcdef1',
      status: 'succeeded',
      strategy: 'rolling',
      timestamp: '2026-03-10T10:00:00Z',
    };
    for (const eventPayload of [
      'not an object',
      { ...base, status: 'exploded' },
      { ...base, runUrl: 'ftp://ci.example.com/run' },
      { ...base, deploymentsId: 'component:default/unknown' },
      { ...base, status: 'started' },
    ]) {
      await events.publish({
        topic: DEPLOYMENT_EVENT_STORED_TOPIC,
        eventPayload,
      });
    }
    await events.publish({
      topic: DEPLOYMENT_EVENT_STORED_TOPIC,
      eventPayload: base,
    });
    await until(() => changeEvents().length > 0);
    // only the valid payload, published last, was sent
    expect(
      changeEvents().map(e => e.body.payload.custom_details.deploymentEventId),
    ).toEqual(['e1']);
  });
});
