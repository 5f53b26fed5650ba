import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  DEPLOYMENT_EVENT_STORED_TOPIC,
  DeploymentEvent,
  DeploymentEventStoredPayload,
} from '@opsdeck/plugin-deployments-common';

/**
 * Announces newly stored deployment events on the events service
 * ({@link DEPLOYMENT_EVENT_STORED_TOPIC}) so other plugins can react
 * (change events for on-call). Duplicates are not announced again. The
 * events are already stored: a failure to publish is logged, not thrown.
 */
export class DeploymentEventPublisher {
  constructor(
    private readonly events: EventsService,
    private readonly logger: LoggerService,
  ) {}

  /**
   * @param events - the events as received
   * @param deploymentsIds - the deployments id each was stored under
   * @param results - what the store answered for each
   */
  async publishStored(
    events: DeploymentEvent[],
    deploymentsIds: string[],
    results: Array<{ eventId: string; duplicate: boolean }>,
  ): Promise<void> {
    for (const [index, event] of events.entries()) {
      const stored = results.some(
        r => r.eventId === event.eventId && !r.duplicate,
      );
      if (!stored) continue;
      try {
        await this.events.publish({
          topic: DEPLOYMENT_EVENT_STORED_TOPIC,
          eventPayload: toPayload(event, deploymentsIds[index]),
        });
      } catch (error) {
        this.logger.warn('Could not announce a stored deployment event', {
          eventId: event.eventId,
          error: (error as Error).message,
        });
      }
    }
  }
}

function toPayload(
  event: DeploymentEvent,
  deploymentsId: string,
): DeploymentEventStoredPayload {
  const { entityRef: _entityRef, ...fields } = event;
  return { ...fields, deploymentsId };
}
