import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ARGOCD_APP_NAME_ANNOTATION } from '@opsdeck/plugin-deployments-common';
import { deploymentsProvidersExtensionPoint } from '@opsdeck/plugin-deployments-node';
import { ArgoCdClient } from './client/ArgoCdClient';
import { ArgoCdDeploymentsProvider } from './provider/ArgoCdDeploymentsProvider';

/**
 * Argo CD provider for the deployments plugin: scheduled sync of application
 * history and rollback.
 *
 * @public
 */
export const deploymentsModuleArgocd = createBackendModule({
  pluginId: 'deployments',
  moduleId: 'argocd',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        providers: deploymentsProvidersExtensionPoint,
      },
      async init({ config, logger, scheduler, auth, catalog, providers }) {
        const argocd = config.getOptionalConfig('deployments.argocd');
        if (!argocd) {
          logger.info('No deployments.argocd config: Argo CD provider off');
          return;
        }
        const clients = argocd.getConfigArray('instances').map(instance =>
          ArgoCdClient.create({
            name: instance.getString('name'),
            url: instance.getString('url'),
            token: instance.getString('token'),
            environment:
              instance.getOptionalString('environment') ?? 'production',
          }),
        );
        const provider = ArgoCdDeploymentsProvider.create(clients);
        providers.addProvider(provider);

        const schedule = argocd.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              argocd.getConfig('schedule'),
            )
          : { frequency: { minutes: 5 }, timeout: { minutes: 3 } };
        await scheduler.scheduleTask({
          id: 'deployments-argocd-sync',
          ...schedule,
          scope: 'global',
          fn: async () => {
            const { items } = await catalog.getEntities(
              {
                filter: {
                  [`metadata.annotations.${ARGOCD_APP_NAME_ANNOTATION}`]:
                    CATALOG_FILTER_EXISTS,
                },
              },
              { credentials: await auth.getOwnServiceCredentials() },
            );
            for (const entity of items) {
              try {
                await provider.syncEntity(entity);
              } catch (error) {
                logger.warn('Argo CD sync failed for an entity', {
                  entity: entity.metadata.name,
                  error: String(error),
                });
              }
            }
          },
        });
      },
    });
  },
});
