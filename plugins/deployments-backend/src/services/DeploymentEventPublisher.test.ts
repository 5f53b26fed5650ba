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
import type { NewDeploymentEvent } from '../database/DeploymentsStore';
import { DeploymentEventPublisher } from './DeploymentEventPublisher';

const row = (eventId: string): NewDeploymentEvent => ({
  eventId,
  entityRef: 'component:default/checkout',
  deploymentKey: 'b'.repeat(64),
  environment: 'production',
  version: 'v2',
  commitSha: 'abcdef1',
  status: 'succeeded',
  strategy: 'rolling',
  actor: 'ada',
  runUrl: 'https://ci.example.com/runs/2',
  timestamp: '2026-03-10T10:00:00.000Z',
  source: 'api',
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
    expect(received[0].eventPayload).not.toHaveProperty('source');
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
        [{ eventId: 'e3', duplicate: false }],
      ),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not announce a stored deployment event',
      { eventId: 'e3', error: 'event bus unreachable' },
    );
  });
});
