import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { deploymentsPermissions } from '@opsdeck/plugin-deployments-common';
import {
  DeploymentsProvider,
  deploymentsProvidersExtensionPoint,
} from '@opsdeck/plugin-deployments-node';
import { DatabaseDeploymentsStore } from './database/DatabaseDeploymentsStore';
import { seedDemoEvents } from './demo/seedDemoEvents';
import { createRouter } from './router';
import { DeploymentEventPublisher } from './services/DeploymentEventPublisher';
import { DeploymentIngestionService } from './services/DeploymentIngestionService';
import { DeploymentQueryService } from './services/DeploymentQueryService';
import { IngestionAccessPolicy } from './services/IngestionAccessPolicy';
import { RollbackService } from './services/RollbackService';
import { readDeploymentsSettings } from './settings';

/**
 * The deployments backend plugin: deployment event ingestion, history,
 * DORA metrics and permission-gated rollback.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    const providers: DeploymentsProvider[] = [];
    env.registerExtensionPoint(deploymentsProvidersExtensionPoint, {
      addProvider(provider) {
        providers.push(provider);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger, database, auth, httpAuth, httpRouter } = deps;
        const settings = readDeploymentsSettings(config);
        deps.permissionsRegistry.addPermissions(deploymentsPermissions);

        const store = await DatabaseDeploymentsStore.create({ database });
        const ingestion = DeploymentIngestionService.create({
          store,
          catalog: deps.catalog,
          auth,
          logger,
          unknownEntities: settings.unknownEntities,
          maxClockSkewSeconds: settings.maxClockSkewSeconds,
          publisher: new DeploymentEventPublisher(deps.events, logger),
        });
        const queries = DeploymentQueryService.create({
          store,
          catalog: deps.catalog,
          providers,
          productionEnvironments: settings.productionEnvironments,
          defaultPeriodDays: settings.defaultPeriodDays,
        });
        const rollback = RollbackService.create({
          permissions: deps.permissions,
          queries,
          ingestion,
          logger,
        });
        for (const provider of providers) {
          await provider.connect?.(ingestion);
        }

        const access = IngestionAccessPolicy.fromConfig(config, {
          catalog: deps.catalog,
          auth,
          logger,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            access,
            ingestion,
            queries,
            rollback,
            maxBodyBytes: settings.maxBodyBytes,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        const seedFile = settings.demoSeedFile;
        if (seedFile) {
          deps.lifecycle.addStartupHook(() => {
            seedDemoEvents({
              path: seedFile,
              shiftToNow: settings.demoShiftToNow,
              ingestion,
              logger,
            }).catch(error =>
              logger.error('Could not seed demo deployment events', error),
            );
          });
        }
      },
    });
  },
});
