import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { IncidentStore } from '../database/IncidentStore';
import { IncidentService } from '../services/IncidentService';

/**
 * Creates the demo incidents through the incident service (the same path as
 * the API), once: it does nothing when incidents exist, and returns false
 * while the demo entities are not in the catalog yet.
 */
export async function seedDemoIncidents(options: {
  incidents: IncidentService;
  store: IncidentStore;
  credentials: BackstageCredentials;
  logger: LoggerService;
}): Promise<boolean> {
  const { incidents, store, credentials, logger } = options;
  if ((await store.listIncidents({ limit: 1 })).length > 0) return true;

  let resolved;
  try {
    resolved = await incidents.trigger(
      {
        entityRef: 'component:default/search-service',
        title: 'Search latency p99 above 2 s after index rebuild',
        description:
          'The nightly index rebuild ran during peak traffic; p99 latency rose from 300 ms to 2.4 s.',
        severity: 'error',
        urgency: 'high',
      },
      'user:default/barbara.liskov',
      credentials,
    );
  } catch (e) {
    logger.info('Demo incidents not seeded yet', {
      reason: (e as Error).message,
    });
    return false;
  }
  await incidents.changeStatus(
    resolved.id,
    'acknowledged',
    'user:default/edsger.dijkstra',
    undefined,
    credentials,
  );
  await incidents.addNote(
    resolved.id,
    'user:default/edsger.dijkstra',
    'Paused the rebuild job; latency recovering.',
    credentials,
  );
  await incidents.changeStatus(
    resolved.id,
    'resolved',
    'user:default/edsger.dijkstra',
    'Rebuild moved to 03:00 UTC; p99 back to 310 ms.',
    credentials,
  );

  const checkout = await incidents.trigger(
    {
      entityRef: 'component:default/checkout-service',
      title: 'Payment authorisation errors above 2%',
      description:
        'Card authorisations fail with upstream timeouts from the payment provider.',
      severity: 'critical',
      urgency: 'high',
    },
    'user:default/katherine.johnson',
    credentials,
  );
  await incidents.changeStatus(
    checkout.id,
    'acknowledged',
    'user:default/alan.turing',
    undefined,
    credentials,
  );
  await incidents.addNote(
    checkout.id,
    'user:default/alan.turing',
    'Provider status page reports degraded performance in eu-west; retry budget raised.',
    credentials,
  );

  await incidents.trigger(
    {
      entityRef: 'component:default/payments-api',
      title: 'Elevated 5xx on /v1/refunds',
      severity: 'warning',
      urgency: 'low',
    },
    'user:default/linus.pauling',
    credentials,
  );
  logger.info('Seeded demo incidents');
  return true;
}
