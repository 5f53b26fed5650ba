import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { costPermissions } from '@opsdeck/plugin-cost-common';
import {
  CostBillingSource,
  costSourcesExtensionPoint,
  FocusFormatReader,
} from '@opsdeck/plugin-cost-node';
import { BudgetAlerter } from './budgets/BudgetAlerter';
import { BudgetAlertStore } from './budgets/BudgetAlertStore';
import { readCostConfig } from './config';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { CostImporter } from './ingest/CostImporter';
import { csvFocusReader } from './ingest/readFocusCsv';
import { ScheduledCostImports } from './ingest/ScheduledCostImports';
import { createRouter } from './router';
import { AccountCostService } from './service/AccountCostService';
import { CostInsightsService } from './service/CostInsightsService';
import { EntityScopeResolver } from './service/EntityScopeResolver';
import { ProductInsightsService } from './service/ProductInsightsService';

/**
 * The cost backend plugin: FOCUS ingestion, attribution and insights.
 *
 * @public
 */
export const costPlugin = createBackendPlugin({
  pluginId: 'cost',
  register(env) {
    const readers: FocusFormatReader[] = [];
    const sources: CostBillingSource[] = [];
    env.registerExtensionPoint(costSourcesExtensionPoint, {
      addFormatReader(reader) {
        readers.push(reader);
      },
      addBillingSource(source) {
        sources.push(source);
      },
    });
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
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readCostConfig(deps.config);
        deps.permissionsRegistry.addPermissions(costPermissions);
        const store = await DatabaseCostStore.create({
          database: deps.database,
        });
        // modules' formats first; the built-in CSV reader takes the rest
        const importer = CostImporter.create({
          store,
          logger: deps.logger,
          readers: [...readers, csvFocusReader],
        });
        const insights = CostInsightsService.create({
          store,
          anomalies: config.anomalies,
          budgets: config.budgets,
          logger: deps.logger,
        });
        const accounts = AccountCostService.create({ store, insights });
        const products = ProductInsightsService.create({
          store,
          insights,
          accounts,
        });
        const resolver = EntityScopeResolver.create({ catalog: deps.catalog });
        await ScheduledCostImports.create({
          importer,
          urlReader: deps.urlReader,
          logger: deps.logger,
          sources,
        }).schedule(deps.scheduler, config.imports, config.schedule);
        if (config.budgets.size > 0) {
          const alerter = BudgetAlerter.create({
            budgets: config.budgets,
            insights,
            resolver,
            store: BudgetAlertStore.create(await deps.database.getClient()),
            notifications: deps.notifications,
            auth: deps.auth,
            logger: deps.logger,
          });
          await deps.scheduler.scheduleTask({
            id: 'cost-budget-alerts',
            scope: 'global',
            ...config.budgetAlertSchedule,
            fn: async () => {
              await alerter.checkAll();
            },
          });
        }
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            importer,
            insights,
            accounts,
            products,
            resolver,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
