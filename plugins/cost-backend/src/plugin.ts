import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { costPermissions } from '@opsdeck/plugin-cost-common';
import { readCostConfig } from './config';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { CostImporter } from './ingest/CostImporter';
import { ScheduledCostImports } from './ingest/ScheduledCostImports';
import { createRouter } from './router';
import { CostInsightsService } from './service/CostInsightsService';
import { EntityScopeResolver } from './service/EntityScopeResolver';

/**
 * The cost backend plugin: FOCUS ingestion, attribution and insights.
 *
 * @public
 */
export const costPlugin = createBackendPlugin({
  pluginId: 'cost',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = readCostConfig(deps.config);
        deps.permissionsRegistry.addPermissions(costPermissions);
        const store = await DatabaseCostStore.create({
          database: deps.database,
        });
        const importer = CostImporter.create({ store, logger: deps.logger });
        const insights = CostInsightsService.create({
          store,
          anomalies: config.anomalies,
          budgets: config.budgets,
          logger: deps.logger,
        });
        const resolver = EntityScopeResolver.create({ catalog: deps.catalog });
        await ScheduledCostImports.create({
          importer,
          urlReader: deps.urlReader,
          logger: deps.logger,
        }).schedule(deps.scheduler, config.imports, config.schedule);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            importer,
            insights,
            resolver,
          }),
        );
      },
    });
  },
});
