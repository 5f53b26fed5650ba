import { CatalogService } from '@backstage/plugin-catalog-node';
import { PagerDutyEventsClient } from '../client/PagerDutyEventsClient';
import { PagerDutyHttp } from '../client/PagerDutyHttp';
import { PagerDutyRestClient } from '../client/PagerDutyRestClient';
import { PagerDutyConfig } from '../config';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';

/**
 * The provider with its REST and Events clients, from validated config; the
 * catalog maps PagerDuty services back to entities.
 */
export function createPagerDutyProvider(
  config: PagerDutyConfig,
  catalog: CatalogService,
  options?: { retryBaseDelayMs?: number; now?: () => Date },
): PagerDutyOnCallProvider {
  const http = new PagerDutyHttp({
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    maxRetryWaitSeconds: config.maxRetryWaitSeconds,
    retryBaseDelayMs: options?.retryBaseDelayMs ?? 500,
  });
  return new PagerDutyOnCallProvider(
    new PagerDutyRestClient(http, config.apiBaseUrl, config.token),
    new PagerDutyEventsClient(http, config.eventsBaseUrl),
    config.routingKeys,
    catalog,
    config.fromEmail,
    options?.now,
  );
}
