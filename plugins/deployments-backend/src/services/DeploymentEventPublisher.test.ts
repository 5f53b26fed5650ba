import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultEventsService,
  EventParams,
  EventsService,
} from '@backstage/plugin-events-node';
import {
  DEPLOYMENT_EVENT_STORED_TOPIC,
  deploymentEventStoredPayloadSchema,
} from '@opsdeck/plugin-deployments-common';
import { DeploymentEvent } from '@opsdeck/plugin-deployments-common';
import { DeploymentEventPublisher } from './DeploymentEventPublisher';

const row = (eventId: string): DeploymentEvent => ({
  eventId,
  entityRef: 'Checkout',
  environment: 'production',
  version: 'v2',
  commitSha: 'abcdef1',
  status: 'succeeded',
  strategy: 'rolling',
  actor: 'ada',
  runUrl: 'https://ci.example.com/runs/2',
  timestamp: '2026-03-10T10:00:00.000Z',
});

describe('DeploymentEventPublisher', () => {
  it('announces stored events once, not duplicates, with a payload of the shared schema', async () => {
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    }).forPlugin('deployments');
    const received: EventParams[] = [];
    await events.subscribe({
      id: 'test',
      topics: [DEPLOYMENT_EVENT_STORED_TOPIC],
      onEvent: async params => {
        received.push(params);
      },
    });
    const publisher = new DeploymentEventPublisher(
      events,
      mockServices.logger.mock(),
    );
    await publisher.publishStored(
      [row('e1'), row('e2')],
      ['component:default/checkout', 'component:default/checkout'],
      [
        { eventId: 'e1', duplicate: false },
        { eventId: 'e2', duplicate: true },
      ],
    );
    expect(received).toHaveLength(1);
    const payload = deploymentEventStoredPayloadSchema.parse(
      received[0].eventPayload,
    );
    expect(payload).toMatchObject({
      eventId: 'e1',
      deploymentsId: 'component:default/checkout',
      version: 'v2',
    });
    // the id it was stored under, not what the sender wrote
    expect(received[0].eventPayload).not.toHaveProperty('entityRef');
  });

  it('logs and goes on when the events service fails: the events are stored already', async () => {
    const logger = mockServices.logger.mock();
    const failing: EventsService = {
      publish: async () => {
        throw new Error('event bus unreachable');
      },
      subscribe: async () => {},
    };
    await expect(
      new DeploymentEventPublisher(failing, logger).publishStored(
        [row('e3')],
        ['component:default/checkout'],
        [{ eventId: 'e3', duplicate: false }],
      ),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not announce a stored deployment event',
      { eventId: 'e3', error: 'event bus unreachable' },
    );
  });
});
