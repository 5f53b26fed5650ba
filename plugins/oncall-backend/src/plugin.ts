import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { DEPLOYMENT_EVENT_STORED_TOPIC } from '@opsdeck/plugin-deployments-common';
import { oncallPermissions } from '@opsdeck/plugin-oncall-common';
import {
  OnCallProvider,
  oncallProvidersExtensionPoint,
} from '@opsdeck/plugin-oncall-node';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { DatabaseOverrideStore } from './database/DatabaseOverrideStore';
import { migratedClient } from './database/migrate';
import { seedDemoIncidents } from './demo/seedDemoIncidents';
import { createRouter } from './router';
import { DeploymentChangeEvents } from './services/DeploymentChangeEvents';
import { DeploymentIncidentLinker } from './services/DeploymentIncidentLinker';
import { IncidentService } from './services/IncidentService';
import { NotificationsIncidentNotifier } from './services/NotificationsIncidentNotifier';
import { OnCallService } from './services/OnCallService';
import { RotationFileCache } from './services/RotationFileCache';
import { RotationReader } from './services/RotationReader';

function rotationCacheSeconds(config: Config): number {
  const seconds =
    config.getOptionalNumber('oncall.rotations.cacheSeconds') ?? 60;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
    throw new InputError(
      `oncall.rotations.cacheSeconds must be between 0 and 86400, got ${seconds}`,
    );
  }
  return seconds;
}

/**
 * The on-call backend: who is on call (rotation files or providers),
 * overrides and incidents.
 *
 * @public
 */
export const oncallPlugin = createBackendPlugin({
  pluginId: 'oncall',
  register(env) {
    const providers: OnCallProvider[] = [];
    env.registerExtensionPoint(oncallProvidersExtensionPoint, {
      addProvider(provider) {
        providers.push(provider);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { auth, catalog, config, logger } = deps;
        const linkIncidents =
          config.getOptionalBoolean('oncall.deployments.linkIncidents') ?? true;
        const seed =
          config.getOptionalBoolean('oncall.demo.seedIncidents') ?? false;
        deps.permissionsRegistry.addPermissions(oncallPermissions);

        const client = await migratedClient(deps.database);
        const incidentStore = DatabaseIncidentStore.create(client);
        const onCall = OnCallService.create({
          catalog,
          rotations: RotationReader.create({
            files: RotationFileCache.create({
              urlReader: deps.urlReader,
              cache: deps.cache,
              freshForMs: rotationCacheSeconds(config) * 1000,
            }),
            catalog,
          }),
          overrides: DatabaseOverrideStore.create(client),
          providers,
          logger,
        });
        const incidents = IncidentService.create({
          catalog,
          store: incidentStore,
          onCall,
          notifier: NotificationsIncidentNotifier.create(deps.notifications),
          logger,
          deploymentLinker: linkIncidents
            ? new DeploymentIncidentLinker(auth, deps.discovery, logger)
            : undefined,
        });

        const changeEvents = new DeploymentChangeEvents(
          catalog,
          auth,
          onCall,
          logger,
        );
        await deps.events.subscribe({
          id: 'oncall-deployment-change-events',
          topics: [DEPLOYMENT_EVENT_STORED_TOPIC],
          onEvent: async params => changeEvents.handleInBackground(params),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auth,
            permissions: deps.permissions,
            onCall,
            incidents,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        if (seed) {
          await deps.scheduler.scheduleTask({
            id: 'oncall-demo-seed-incidents',
            frequency: { seconds: 15 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
            scope: 'global',
            fn: async () => {
              await seedDemoIncidents({
                incidents,
                store: incidentStore,
                credentials: await auth.getOwnServiceCredentials(),
                logger,
              });
            },
          });
        }
      },
    });
  },
});
