import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PagerDutyAccount } from './pagerDutyServer';

export const TOKEN = 'pd-backend-token';
export const ROUTING_KEY = 'CHECKOUTKEY0123456789ABCDEFGHIJK';
export const FROM_EMAIL = 'backstage-bot@example.com';

/** A PagerDuty account with one service, two users and a few incidents. */
export function checkoutAccount(): PagerDutyAccount {
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
        id: 'PHIDDEN',
        name: 'Hidden',
        escalationPolicyId: 'PEP1',
        routingKey: 'HIDDENKEY0123456789ABCDEFGHIJKLM',
      },
    ],
    escalationPolicies: [
      {
        id: 'PEP1',
        name: 'Checkout escalation',
        rules: [
          {
            delayMinutes: 15,
            targets: [{ id: 'PALICE', type: 'user_reference' }],
          },
        ],
      },
    ],
    users: [
      { id: 'PALICE', name: 'Alice Doe', email: 'alice@example.com' },
      { id: 'PBOT', name: 'Backstage Bot', email: FROM_EMAIL },
    ],
    onCalls: [
      {
        escalationPolicyId: 'PEP1',
        level: 1,
        userId: 'PALICE',
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
        createdAt: '2025-01-02T09:30:00Z',
        priority: 'P1',
        log: [
          {
            type: 'notify_log_entry',
            at: '2025-01-02T09:30:05Z',
            summary: 'Notified Alice Doe by phone.',
          },
          {
            type: 'annotate_log_entry',
            at: '2025-01-02T09:40:00Z',
            agent: 'Alice Doe',
            summary: 'Note added',
            channelSummary: 'Rolling back release 42',
          },
        ],
      },
      {
        id: 'PINC2',
        serviceId: 'PSVC1',
        title: 'Old outage',
        status: 'resolved',
        urgency: 'low',
        createdAt: '2024-12-01T08:00:00Z',
        resolvedAt: '2024-12-01T09:00:00Z',
      },
      {
        id: 'PINC9',
        serviceId: 'PHIDDEN',
        title: 'Incident of a service no visible entity maps to',
        status: 'triggered',
        urgency: 'high',
        createdAt: '2025-01-02T07:00:00Z',
      },
    ],
  };
}

/** The checkout component (PagerDuty service PSVC1) and Alice's User. */
export function checkoutEntities(): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        namespace: 'default',
        annotations: { 'pagerduty.com/service-id': 'PSVC1' },
      },
      spec: {
        type: 'service',
        owner: 'group:default/team-checkout',
        lifecycle: 'production',
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice', namespace: 'default' },
      spec: {
        profile: { displayName: 'Alice Doe', email: 'Alice@Example.com' },
      },
    },
  ];
}

/** Config of the PagerDuty provider pointing at a local server. */
export function pagerDutyConfig(url: string, extra?: Record<string, unknown>) {
  return {
    token: TOKEN,
    apiBaseUrl: url,
    eventsBaseUrl: url,
    timeoutMs: 2000,
    maxRetries: 1,
    maxRetryWaitSeconds: 1,
    fromEmail: FROM_EMAIL,
    services: [{ serviceId: 'PSVC1', routingKey: ROUTING_KEY }],
    ...extra,
  };
}

/** Services every on-call backend test needs besides the plugins. */
export function supportingServices(options: {
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  config: object;
}) {
  return [
    catalogServiceMock.factory({ entities: checkoutEntities() }),
    mockServices.permissions.factory({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    mockServices.rootConfig.factory({ data: options.config }),
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({ send: async () => {} }),
    }),
  ];
}
