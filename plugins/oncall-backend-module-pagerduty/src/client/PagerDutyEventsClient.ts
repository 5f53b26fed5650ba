import { ServiceUnavailableError } from '@backstage/errors';
import { PagerDutyHttp } from './PagerDutyHttp';
import { eventResponseSchema } from './schemas';

/** An Events API v2 `trigger` event (payload fields as PagerDuty names them). */
export interface PagerDutyTriggerEvent {
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: Array<{ href: string; text?: string }>;
  client?: string;
}

/** An Events API v2 change event. */
export interface PagerDutyChangeEvent {
  payload: {
    summary: string;
    source?: string;
    timestamp?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: Array<{ href: string; text?: string }>;
}

/**
 * PagerDuty Events API v2: `POST /v2/enqueue` (trigger) and
 * `POST /v2/change/enqueue` (change events), each with a service's routing key.
 */
export class PagerDutyEventsClient {
  constructor(
    private readonly http: PagerDutyHttp,
    private readonly baseUrl: string,
  ) {}

  /** Sends a trigger event; resolves to PagerDuty's dedup key. */
  async trigger(
    routingKey: string,
    event: PagerDutyTriggerEvent,
  ): Promise<string> {
    const response = await this.send('/v2/enqueue', {
      routing_key: routingKey,
      event_action: 'trigger',
      ...event,
    });
    return response.dedup_key ?? event.dedup_key;
  }

  async change(routingKey: string, event: PagerDutyChangeEvent): Promise<void> {
    await this.send('/v2/change/enqueue', {
      routing_key: routingKey,
      ...event,
    });
  }

  private async send(path: string, body: unknown) {
    const what = `POST ${path}`;
    const answer = await this.http.request({
      method: 'POST',
      url: `${this.baseUrl}${path}`,
      what,
      headers: { Accept: 'application/json' },
      body,
    });
    const parsed = eventResponseSchema.safeParse(answer);
    if (!parsed.success || parsed.data.status !== 'success') {
      throw new ServiceUnavailableError(
        `PagerDuty did not accept ${what}: ${
          parsed.success
            ? `status "${parsed.data.status}"${
                parsed.data.message ? `, ${parsed.data.message}` : ''
              }`
            : 'the answer has an unexpected shape'
        }`,
      );
    }
    return parsed.data;
  }
}
