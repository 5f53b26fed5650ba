import {
  createBackendModule,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  DeploymentEventInput,
} from '@opsdeck/plugin-deployments-common';
import {
  DeploymentRollbackRequest,
  deploymentsProvidersExtensionPoint,
} from '@opsdeck/plugin-deployments-node';
import authPlugin from '@backstage/plugin-auth-backend';
import guestAuthModule from '@backstage/plugin-auth-backend-module-guest-provider';
import request from 'supertest';
import type { Server } from 'node:http';
import { deploymentsPlugin } from '../plugin';

/*
 * A started deployments backend with the catalog, auth and permission
 * services the route tests need, and requests against it.
 */
export const PIPELINE_TOKEN = 'pipeline-token-0123456789';
export const CATALOG_ONLY_TOKEN = 'catalog-only-token-0123456789';

export const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-service',
      namespace: 'default',
      annotations: {
        [ARGOCD_APP_NAME_ANNOTATION]: 'checkout',
        'github.com/project-slug': 'acme/checkout-service',
      },
    },
    spec: { type: 'service', owner: 'checkout-team', system: 'shop' },
    relations: [
      { type: 'partOf', targetRef: 'system:default/shop' },
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        // a GitLab project in a subgroup, registered from its repository
        'backstage.io/managed-by-location':
          'url:https://gitlab.example.com/shop/backend/payments-api/-/blob/main/catalog-info.yaml',
        'backstage.io/source-location':
          'url:https://gitlab.example.com/shop/backend/payments-api/-/tree/main/',
      },
    },
    spec: { type: 'service', owner: 'checkout-team', system: 'shop' },
    relations: [
      { type: 'partOf', targetRef: 'system:default/shop' },
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    ],
  },
  {
    // registered from a GitHub repository; deployments recorded under another id
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storefront',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/storefront/blob/main/catalog-info.yaml',
        'opsdeck.io/deployments-id': 'component:default/storefront-web',
      },
    },
    spec: { type: 'website', owner: 'web-team' },
  },
  {
    // no repository known: registered from a file
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'legacy-batch',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': 'file:/srv/catalog/legacy.yaml',
      },
    },
    spec: { type: 'service', owner: 'web-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'checkout-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

export function deploymentEvent(
  overrides: Partial<DeploymentEventInput> = {},
): DeploymentEventInput {
  return {
    eventId: 'run-1-succeeded',
    entityRef: 'component:default/checkout-service',
    environment: 'production',
    version: '1.4.2',
    commitSha: 'a1b2c3d4e5f6',
    commitTime: '2026-03-01T10:00:00Z',
    status: 'succeeded',
    actor: 'ci',
    runUrl: 'https://ci.example.com/runs/1',
    timestamp: '2026-03-01T12:00:00Z',
    ...overrides,
  };
}

export const rollbackCalls: DeploymentRollbackRequest[] = [];
const testProviderModule = createBackendModule({
  pluginId: 'deployments',
  moduleId: 'test-provider',
  register(env) {
    env.registerInit({
      deps: { providers: deploymentsProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider({
          id: 'test-cd',
          handles: entity =>
            Boolean(entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION]),
          async rollback(req) {
            if (req.environment === 'broken') {
              throw new ServiceUnavailableError('test-cd is down');
            }
            rollbackCalls.push(req);
            return { message: `rolled back to ${req.previousVersion}` };
          },
        });
      },
    });
  },
});

export async function startBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: object;
    /** More `backend.auth.externalAccess` entries. */
    externalAccess?: object[];
    /** More features, such as other plugins. */
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      ...(options.features ?? []),
      deploymentsPlugin,
      testProviderModule,
      authPlugin,
      guestAuthModule,
      authServiceFactory,
      httpAuthServiceFactory,
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () =>
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(() => ({
                result: options.permission ?? AuthorizeResult.ALLOW,
              })),
          }),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:0',
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: PIPELINE_TOKEN, subject: 'ci-pipeline' },
                  accessRestrictions: [{ plugin: 'deployments' }],
                },
                {
                  type: 'static',
                  options: { token: CATALOG_ONLY_TOKEN, subject: 'other' },
                  accessRestrictions: [{ plugin: 'catalog' }],
                },
                ...(options.externalAccess ?? []),
              ],
            },
          },
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            environment: 'development',
            providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
          },
          deployments: {
            ingestion: { maxBodyBytes: 64 * 1024 },
            ...options.config,
          },
        },
      }),
    ],
  });
  return server;
}

export async function userToken(server: Parameters<typeof request>[0]) {
  const res = await request(server)
    .get('/api/auth/guest/refresh?env=development')
    .set('X-Requested-With', 'XMLHttpRequest');
  expect(res.status).toBe(200);
  return res.body.backstageIdentity.token as string;
}

/** Requests to the deployments API with the pipeline token. */
export function asPipeline(server: Server | Parameters<typeof request>[0]) {
  const authorize = (test: request.Test) =>
    test.set('Authorization', `Bearer ${PIPELINE_TOKEN}`);
  return {
    post: (path: string) =>
      authorize(request(server).post(`/api/deployments${path}`)),
    get: (path: string) =>
      authorize(request(server).get(`/api/deployments${path}`)),
  };
}
