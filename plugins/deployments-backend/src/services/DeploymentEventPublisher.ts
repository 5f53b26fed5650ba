import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  DEPLOYMENT_EVENT_STORED_TOPIC,
  DeploymentEventStoredPayload,
} from '@opsdeck/plugin-deployments-common';
import type { NewDeploymentEvent } from '../database/DeploymentsStore';

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

  async publishStored(
    stored: NewDeploymentEvent[],
    results: Array<{ eventId: string; duplicate: boolean }>,
  ): Promise<void> {
    const fresh = stored.filter(event =>
      results.some(r => r.eventId === event.eventId && !r.duplicate),
    );
    for (const event of fresh) {
      try {
        await this.events.publish({
          topic: DEPLOYMENT_EVENT_STORED_TOPIC,
          eventPayload: toPayload(event),
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

function toPayload(event: NewDeploymentEvent): DeploymentEventStoredPayload {
  const { entityRef, source: _source, ...fields } = event;
  return { ...fields, deploymentsId: entityRef };
}
